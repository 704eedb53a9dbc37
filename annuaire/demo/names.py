"""Believable French names for demo structures, people and streets.

Every structure name is invented (docs/domain.md, "Les données de démonstration"), in real
communes: no real hospital, clinic, cancer centre or association is named. Contact
details are always fictitious.
"""

from __future__ import annotations

from dataclasses import dataclass

from annuaire.directory.enums import StructureKind


@dataclass(frozen=True)
class NamedStructure:
    """A well-known structure of the demo region, placed in its real commune."""

    name: str
    kind: str
    commune: str  # commune name, looked up in the département
    departement: str
    sites: tuple[str, ...] = ("Site principal",)
    big: bool = False  # CHU, cancer centre: more offers, an ERI, several sites


_E, _CLCC = StructureKind.ETABLISSEMENT_SANTE, StructureKind.CENTRE_LUTTE_CANCER

# Invented establishments in real communes: no real hospital, clinic or cancer centre is named.
BRITTANY_ESTABLISHMENTS: tuple[NamedStructure, ...] = (
    NamedStructure(
        "Institut de cancérologie des Trois Rivières",
        _CLCC,
        "Rennes",
        "35",
        ("Site principal", "Espace de soins de support", "Plateau de radiothérapie"),
        big=True,
    ),
    NamedStructure(
        "Institut de cancérologie Penn ar Bed",
        _CLCC,
        "Brest",
        "29",
        ("Site des Quatre Vents", "Maison des soins de support"),
        big=True,
    ),
    NamedStructure(
        "Centre de cancérologie des Deux Rades", _CLCC, "Lorient", "56", ("Site du Port", "Hôpital de jour"), big=True
    ),
    NamedStructure(
        "Centre hospitalier universitaire des Lices",
        _E,
        "Rennes",
        "35",
        ("Bâtiment principal", "Pavillon des Tilleuls", "Hôpital de jour d'oncologie"),
        big=True,
    ),
    NamedStructure(
        "Hôpital universitaire des Marais", _E, "Rennes", "35", ("Site des Marais", "Pôle femme-enfant"), big=True
    ),
    NamedStructure(
        "Centre hospitalier universitaire de la Rade",
        _E,
        "Brest",
        "29",
        ("Site de la Rade", "Institut de cancérologie"),
        big=True,
    ),
    NamedStructure("Hôpital des Embruns", _E, "Brest", "29", ("Site des Embruns", "Hôpital de jour"), big=True),
    NamedStructure(
        "Centre hospitalier des Glycines – Quimper",
        _E,
        "Quimper",
        "29",
        ("Site des Glycines", "Site du Frugy"),
        big=True,
    ),
    NamedStructure("Hôpital du Littoral sud – Lorient", _E, "Lorient", "56", ("Site du Littoral", "Site des Dunes")),
    NamedStructure("Centre hospitalier du Golfe – Vannes", _E, "Vannes", "56", ("Site du Golfe", "Hôpital de jour")),
    NamedStructure(
        "Centre hospitalier de la Baie – Saint-Brieuc",
        _E,
        "Saint-Brieuc",
        "22",
        ("Site de la Baie", "Centre de soins de support"),
        big=True,
    ),
    NamedStructure(
        "Hôpital des Remparts – Saint-Malo", _E, "Saint-Malo", "35", ("Site des Remparts", "Hôpital de jour")
    ),
    NamedStructure("Hôpital du Viaduc – Morlaix", _E, "Morlaix", "29"),
    NamedStructure("Centre hospitalier des Landes – Pontivy", _E, "Pontivy", "56", ("Site des Landes",)),
    NamedStructure("Hôpital des Chênes – Ploërmel", _E, "Ploërmel", "56"),
    NamedStructure("Hôpital du Château – Fougères", _E, "Fougères", "35"),
    NamedStructure("Hôpital des Tanneurs – Vitré", _E, "Vitré", "35"),
    NamedStructure("Hôpital du Canal – Redon", _E, "Redon", "35"),
    NamedStructure("Hôpital du Trieux – Guingamp", _E, "Guingamp", "22"),
    NamedStructure("Hôpital de la Côte de Granit – Lannion", _E, "Lannion", "22"),
    NamedStructure("Hôpital de la Rance – Dinan", _E, "Dinan", "22"),
    NamedStructure("Hôpital de l'Élorn – Landerneau", _E, "Landerneau", "29"),
    NamedStructure("Hôpital des Sardiniers – Douarnenez", _E, "Douarnenez", "29"),
    NamedStructure("Hôpital de la Laïta – Quimperlé", _E, "Quimperlé", "29"),
    NamedStructure("Hôpital du Goëlo – Paimpol", _E, "Paimpol", "22"),
    NamedStructure("Hôpital privé des Vergers", _E, "Cesson-Sévigné", "35", ("Bâtiment A", "Centre de radiothérapie")),
    NamedStructure("Clinique des Hortensias", _E, "Rennes", "35"),
    NamedStructure("Clinique de la Pointe", _E, "Brest", "29"),
    NamedStructure("Polyclinique des Abers", _E, "Brest", "29"),
    NamedStructure("Hôpital privé des Grèves", _E, "Plérin", "22"),
    NamedStructure("Clinique des Mouettes", _E, "Vannes", "56"),
    NamedStructure("Polyclinique de l'Odet", _E, "Quimper", "29"),
)

# The département committee of the cancer charity (kind "ligue"), under an invented name.
LIGUE_PATTERN = "Comité {of_departement} d'Entraide Cancer"

# "Pays" and their main commune, to name CPTS, HAD and MSP as people know them.
BRITTANY_PAYS: dict[str, tuple[tuple[str, str], ...]] = {
    "22": (
        ("de Saint-Brieuc", "Saint-Brieuc"),
        ("du Trégor", "Lannion"),
        ("du Goëlo", "Paimpol"),
        ("de Guingamp", "Guingamp"),
        ("de Dinan", "Dinan"),
        ("de Penthièvre", "Lamballe-Armor"),
        ("du Centre Bretagne", "Loudéac"),
        ("Kreiz Breizh", "Rostrenen"),
    ),
    "29": (
        ("d'Iroise", "Saint-Renan"),
        ("de Brest", "Brest"),
        ("de Morlaix", "Morlaix"),
        ("du Haut-Léon", "Saint-Pol-de-Léon"),
        ("de Landerneau-Daoulas", "Landerneau"),
        ("de Cornouaille", "Quimper"),
        ("Bigouden", "Pont-l'Abbé"),
        ("de Quimperlé", "Quimperlé"),
        ("de Concarneau", "Concarneau"),
        ("du Centre-Ouest Bretagne", "Carhaix-Plouguer"),
        ("de Châteaulin et du Porzay", "Châteaulin"),
    ),
    "35": (
        ("de Brocéliande", "Montfort-sur-Meu"),
        ("de Redon", "Redon"),
        ("de Vitré", "Vitré"),
        ("de Fougères", "Fougères"),
        ("de Saint-Malo", "Saint-Malo"),
        ("de Rennes", "Rennes"),
        ("des Vallons de Vilaine", "Guichen"),
        ("de la Roche-aux-Fées", "Janzé"),
        ("d'Émeraude", "Dinard"),
        ("de Combourg", "Combourg"),
    ),
    "56": (
        ("de Lorient", "Lorient"),
        ("de Vannes", "Vannes"),
        ("d'Auray", "Auray"),
        ("de Pontivy", "Pontivy"),
        ("de Ploërmel", "Ploërmel"),
        ("de Questembert", "Questembert"),
        ("de Rhuys", "Sarzeau"),
        ("du Blavet", "Hennebont"),
        ("de Belle-Île", "Le Palais"),
    ),
}

# Names of associations: as is on first use, then "{name} – antenne de {commune}" or "{name} {commune}".
ASSOCIATION_NAMES: tuple[str, ...] = (
    "Association Les Goélands Roses",
    "Vivre à Plein Vent",
    "Les Semeuses d'Écume",
    "Fil d'Ariane – Après un cancer",
    "Les Ailes du Ponant",
    "Ressourcerie Bien-être Santé",
    "Gym'Horizon Santé",
    "Les Pagaies Roses du Ponant",
    "Les Rameuses de l'Aube",
    "Main Tendue Santé",
    "Entre Deux Marées",
    "Cap sur l'Après",
    "Rose des Vents Santé",
    "Les Liens de l'Estran",
    "Kenavo Tristesse",
    "Horizons de Lande",
    "Un Pas vers Demain",
    "Jeunes et Debout",
    "Stomie Bretagne Entraide",
    "Marche et Embruns",
    "Bien-Être Ponant",
    "Le Fanal – Accompagnement des aidants",
    "La Maison des Proches",
    "Mots pour Maux d'Armor",
    "Les Mouettes Rieuses",
    "Sport Santé Littoral",
    "Kalon Mor",
    "Ensemble au Large",
    "Ti ar Sikour",
    "L'Écume des Lendemains",
)

ASSOCIATION_PATTERNS: tuple[str, ...] = (
    "{name} – antenne {of_commune}",
    "{name} {of_commune}",
)

ESTABLISHMENT_PATTERNS: tuple[str, ...] = (
    "Centre hospitalier {of_commune}",
    "Hôpital {of_commune}",
    "Polyclinique {of_commune}",
    "Clinique {saint} – {commune}",
    "Hôpital privé {of_commune}",
    "Centre de soins de suite et de réadaptation {of_commune}",
    "Centre de radiothérapie {of_commune}",
)
SAINTS: tuple[str, ...] = (
    "Saint-Joseph",
    "Sainte-Marie",
    "Saint-Michel",
    "Saint-Yves",
    "Sainte-Anne",
    "Saint-Vincent",
    "de l'Estuaire",
    "des Augustines",
    "du Littoral",
    "des Genêts",
)
CANCER_CENTRE_PATTERNS: tuple[str, ...] = (
    "Institut de cancérologie {of_commune}",
    "Centre régional de lutte contre le cancer {of_commune}",
)
HAD_PATTERNS: tuple[str, ...] = ("HAD {pays}", "Hospitalisation à domicile {pays}", "HAD {dep_number}")
MSP_PATTERNS: tuple[str, ...] = (
    "MSP {pays}",
    "Maison de santé pluriprofessionnelle {of_commune}",
    "Maison de santé {of_commune}",
    "MSP {of_commune}",
)
POLE_PATTERNS: tuple[str, ...] = ("Pôle de santé {of_commune}", "Centre de santé {of_commune}")
CPTS_PATTERNS: tuple[str, ...] = ("CPTS {pays}", "CPTS {of_commune} et environs")
AAP_PATTERNS: tuple[str, ...] = (
    "Parcours Après Cancer {pays}",
    "Dispositif Rebond – Après Cancer {pays}",
    "Cap Santé Après Cancer {of_commune}",
    "Plateforme Sport Santé {pays}",
)

FIRST_NAMES: tuple[str, ...] = (
    "Anne",
    "Marie",
    "Sophie",
    "Nathalie",
    "Isabelle",
    "Claire",
    "Gwenaëlle",
    "Soizic",
    "Maëlle",
    "Nolwenn",
    "Camille",
    "Élodie",
    "Julie",
    "Catherine",
    "Sandrine",
    "Yann",
    "Erwan",
    "Loïc",
    "Ronan",
    "Thomas",
    "Pierre",
    "Nicolas",
    "Julien",
    "Gaël",
    "Stéphane",
    "François",
    "Hervé",
    "Mathieu",
    "Karim",
    "Fatima",
)
LAST_NAMES: tuple[str, ...] = (
    "Le Gall",
    "Le Goff",
    "Le Roux",
    "Guillou",
    "Le Bihan",
    "Tanguy",
    "Morvan",
    "Le Corre",
    "Kerhervé",
    "Le Guen",
    "Jézéquel",
    "Cadiou",
    "Le Floch",
    "Riou",
    "Quéré",
    "Martin",
    "Bernard",
    "Petit",
    "Durand",
    "Lefebvre",
    "Moreau",
    "Garnier",
    "Rolland",
    "Pichon",
    "Benali",
    "Nguyen",
    "Da Silva",
    "Perrin",
    "Hamon",
    "Lemoine",
)
STREETS: tuple[str, ...] = (
    "rue de la République",
    "rue du Général de Gaulle",
    "avenue Jean Jaurès",
    "rue Pasteur",
    "boulevard de la Liberté",
    "rue de Brest",
    "rue de la Gare",
    "place de la Mairie",
    "rue Victor Hugo",
    "rue des Écoles",
    "rue de l'Église",
    "allée des Tilleuls",
    "rue Anatole Le Braz",
    "rue Théodore Botrel",
    "rue Laennec",
    "avenue de la Libération",
    "rue du Stade",
    "rue des Ajoncs",
    "impasse des Mouettes",
    "rue de Kerbernard",
)

# Département names that take "du" / "des" (the others: "de la", "d'" before a vowel).
_MASCULINE = {
    "Bas-Rhin",
    "Haut-Rhin",
    "Calvados",
    "Cantal",
    "Cher",
    "Doubs",
    "Finistère",
    "Gard",
    "Gers",
    "Jura",
    "Loir-et-Cher",
    "Loiret",
    "Lot",
    "Lot-et-Garonne",
    "Maine-et-Loire",
    "Morbihan",
    "Nord",
    "Pas-de-Calais",
    "Puy-de-Dôme",
    "Rhône",
    "Tarn",
    "Tarn-et-Garonne",
    "Territoire de Belfort",
    "Val-de-Marne",
    "Val-d'Oise",
    "Var",
    "Vaucluse",
}
_WITHOUT_ARTICLE = {"Paris", "Mayotte"}


def of_departement(name: str) -> str:
    """ "du Finistère", "d'Ille-et-Vilaine", "des Côtes-d'Armor", "de la Gironde", "de La Réunion"."""
    if name in _WITHOUT_ARTICLE or name.startswith("La "):
        return f"de {name}"
    if name in _MASCULINE:
        return f"du {name}"
    first_word = name.split("-")[0]
    if first_word.endswith("s") and first_word not in ("Paris",):
        return f"des {name}"
    if name[0] in "AEIOUYÉÈÊ":
        return f"d'{name}"
    return f"de la {name}"


def of_commune(name: str) -> str:
    """ "de Rennes", "d'Auray", "du Relecq-Kerhuon", "des Sables-d'Olonne", "de La Baule"."""
    if name.startswith("Le "):
        return f"du {name[3:]}"
    if name.startswith("Les "):
        return f"des {name[4:]}"
    if name[0] in "AEIOUYÉÈÊÎ" and not name.startswith("Y"):
        return f"d'{name}"
    return f"de {name}"
