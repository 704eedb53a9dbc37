"""Which structures offer which care, how often, and how it reads.

Weights follow docs/domain.md, "Qui est listé" (episodes funded by Réseau Oncologie 37: psychologists 218,
dietitians 116, reflexology 98...). Kind groups say who may offer a sub-category:

    H  health establishment or cancer centre     E  big establishment only (CHU, cancer centre)
    D  hospital at home (HAD)                    L  Ligue committee
    A  association                               M  MSP, pôle or centre de santé
    C  CPTS                                      P  structure of the ARS "parcours global" call
"""

from __future__ import annotations

from dataclasses import dataclass

from annuaire.directory.enums import StructureKind

KIND_GROUPS: dict[str, str] = {
    StructureKind.ETABLISSEMENT_SANTE: "H",
    StructureKind.CENTRE_LUTTE_CANCER: "H",
    StructureKind.HAD: "D",
    StructureKind.LIGUE: "L",
    StructureKind.ASSOCIATION: "A",
    StructureKind.MSP: "M",
    StructureKind.POLE_SANTE: "M",
    StructureKind.CPTS: "C",
    StructureKind.AAP_PARCOURS: "P",
}

ALL = "HDLAMCP"
TOWN = "LAMCP"


@dataclass(frozen=True)
class CareProfile:
    weight: float
    groups: str
    formats: str = "I"  # I individual, G group
    titles: tuple[str, ...] = ()


P = CareProfile
PROFILES: dict[str, CareProfile] = {
    # Pain: common in hospitals.
    "consultation-douleur-chronique": P(30, "H", "I", ("Consultation douleur chronique", "Consultation de la douleur")),
    "equipe-mobile-douleur": P(12, "H", "I", ("Équipe mobile douleur",)),
    "hypnoanalgesie": P(10, "HD", "I", ("Hypnoanalgésie pendant les soins", "Séances d'hypnoanalgésie")),
    "analgesie-intrathecale": P(3, "E", "I", ("Analgésie intrathécale (pompe antidouleur)",)),
    "kinesitherapie-douleur": P(8, "HDM", "I", ("Kinésithérapie antalgique",)),
    "neurostimulation": P(4, "H", "I", ("Neurostimulation électrique transcutanée (TENS)",)),
    "entretien-psychologique-douleur": P(6, "HM", "I", ("Entretien psychologique et douleur",)),
    # Nutrition.
    "consultation-dieteticien": P(
        116, ALL, "I", ("Consultations diététiques", "Consultation avec une diététicienne", "Bilan nutritionnel")
    ),
    "consultation-medecin-nutritionniste": P(10, "H", "I", ("Consultation de nutrition clinique",)),
    "nutrition-enterale-parenterale": P(6, "HD", "I", ("Nutrition artificielle : mise en place et suivi",)),
    "ateliers-nutrition-cuisine": P(
        20, TOWN, "G", ("Ateliers cuisine et cancer", "Atelier « Bien manger pendant les traitements »")
    ),
    # Psychology: the most asked for.
    "consultation-psychologue": P(
        218,
        ALL,
        "I",
        ("Consultations de psychologue", "Soutien psychologique individuel", "Entretiens avec une psychologue"),
    ),
    "consultation-psycho-oncologue": P(25, "HDL", "I", ("Consultation de psycho-oncologie",)),
    "consultation-psychiatre": P(8, "H", "I", ("Consultation de psychiatrie de liaison",)),
    "bilan-neuropsychologique": P(5, "H", "I", ("Bilan neuropsychologique (mémoire, attention)",)),
    "therapie-familiale": P(6, "HA", "I", ("Thérapie familiale",)),
    "groupe-parole-patients": P(
        25, "HLAM", "G", ("Groupe de parole", "Groupe de parole « Parlons-en »", "Café-rencontre entre patients")
    ),
    # Social, family and work.
    "consultation-assistant-service-social": P(
        45, "HDLMC", "I", ("Rendez-vous avec l'assistante sociale", "Permanence sociale")
    ),
    "conseil-economie-sociale-familiale": P(8, "HLA", "I", ("Conseil en économie sociale et familiale",)),
    "aide-organisation-domicile": P(12, "HDC", "I", ("Organisation du retour à domicile",)),
    "maintien-dans-emploi": P(8, "HLAC", "I", ("Maintien dans l'emploi : accompagnement",)),
    "retour-au-travail": P(10, "HLAP", "IG", ("Accompagnement à la reprise du travail", "Atelier retour à l'emploi")),
    "assurance-emprunt": P(5, "LA", "I", ("Permanence assurance et emprunt (AERAS)",)),
    # Adapted physical activity.
    "bilan-activite-physique": P(20, "HMCP", "I", ("Bilan d'activité physique adaptée",)),
    "seances-apa": P(40, "HLAMCP", "G", ("Séances d'activité physique adaptée", "APA en petit groupe")),
    "reentrainement-effort": P(8, "H", "IG", ("Réentraînement à l'effort",)),
    "gym-adaptee": P(19, "LAM", "G", ("Gym douce adaptée", "Gymnastique adaptée après cancer")),
    "marche-nordique": P(28, "LAMP", "G", ("Marche nordique santé", "Marche nordique adaptée")),
    "yoga": P(25, "LAMP", "G", ("Yoga doux", "Yoga adapté")),
    "tai-chi": P(2, "LA", "G", ("Taï-chi",)),
    "pilates": P(10, "LA", "G", ("Pilates adapté",)),
    "karate": P(9, "A", "G", ("Karaté adapté après un cancer du sein",)),
    "aviron-dragon-ladies": P(4, "A", "G", ("Pagaie en dragon boat « Dragon Ladies »", "Aviron santé")),
    "danse": P(1, "A", "G", ("Danse africaine adaptée",)),
    # Lifestyle.
    "consultation-tabacologie": P(20, "HMCP", "I", ("Consultation de tabacologie", "Aide à l'arrêt du tabac")),
    "accompagnement-alcool": P(8, "HMC", "I", ("Consultation d'addictologie (alcool)",)),
    "accompagnement-autres-addictions": P(3, "HM", "I", ("Consultation d'addictologie",)),
    "conseils-prevention-sante": P(12, TOWN, "G", ("Atelier prendre soin de sa santé",)),
    # Relatives and carers.
    "consultation-psychologique-proches": P(25, "HDLAM", "I", ("Soutien psychologique des proches",)),
    "groupe-parole-proches": P(15, "HLA", "G", ("Groupe de parole des proches", "Café des aidants")),
    "soutien-enfants-parent-malade": P(6, "HLA", "IG", ("Soutien des enfants dont un parent est malade",)),
    "accompagnement-deuil": P(8, "HDA", "IG", ("Accompagnement du deuil",)),
    "repit-aidants": P(8, "ADC", "IG", ("Répit des aidants",)),
    # Fertility: health establishments only, rare.
    "consultation-oncofertilite": P(4, "H", "I", ("Consultation d'oncofertilité",)),
    "preservation-fertilite-femme": P(2, "E", "I", ("Préservation de la fertilité féminine",)),
    "preservation-fertilite-homme": P(2, "E", "I", ("Conservation du sperme (CECOS)",)),
    "projet-enfant-apres-cancer": P(1, "H", "I", ("Consultation projet d'enfant après un cancer",)),
    # Sexuality.
    "consultation-sexologie": P(8, "HM", "I", ("Consultation de sexologie",)),
    "sexotherapie": P(8, "HAM", "I", ("Sexothérapie",)),
    "consultation-gynecologique-intimite": P(5, "H", "I", ("Consultation de gynécologie : vie intime",)),
    "consultation-andrologie-urologie": P(3, "H", "I", ("Consultation d'andrologie",)),
    "entretien-infirmier-sexualite": P(4, "H", "I", ("Entretien infirmier vie intime et sexualité",)),
    # Palliative care: establishments and HAD only.
    "equipe-mobile-soins-palliatifs": P(12, "H", "I", ("Équipe mobile de soins palliatifs",)),
    "unite-soins-palliatifs": P(4, "E", "I", ("Unité de soins palliatifs",)),
    "lits-identifies-soins-palliatifs": P(6, "H", "I", ("Lits identifiés de soins palliatifs",)),
    "had-soins-palliatifs": P(20, "D", "I", ("Soins palliatifs à domicile en HAD",)),
    "appui-soins-palliatifs-domicile": P(6, "D", "I", ("Appui aux équipes de ville en soins palliatifs",)),
    "benevoles-accompagnement-fin-de-vie": P(4, "HD", "I", ("Bénévoles d'accompagnement en soins palliatifs",)),
    # Well-being and self-image (many non-conventional practices).
    "socio-esthetique": P(54, ALL, "IG", ("Soins de socio-esthétique", "Atelier socio-esthétique")),
    "conseil-image-maquillage": P(15, "HLA", "G", ("Atelier image de soi et maquillage",)),
    "prothese-capillaire": P(8, "HLA", "I", ("Conseils perte des cheveux et prothèse capillaire",)),
    "prothese-mammaire-externe": P(4, "HA", "I", ("Conseils prothèse mammaire et lingerie",)),
    "information-reconstruction": P(4, "H", "G", ("Réunion d'information sur la reconstruction mammaire",)),
    "sophrologie": P(44, ALL, "IG", ("Séances de sophrologie", "Sophrologie en groupe")),
    "hypnose": P(15, ALL, "I", ("Séances d'hypnose",)),
    "art-therapie": P(5, "HLAM", "G", ("Atelier d'art-thérapie",)),
    "meditation-pleine-conscience": P(24, ALL, "G", ("Méditation de pleine conscience",)),
    "relaxation": P(12, ALL, "G", ("Séances de relaxation",)),
    "reflexologie": P(98, ALL, "I", ("Réflexologie plantaire", "Séances de réflexologie")),
    "shiatsu": P(73, ALL, "I", ("Séances de shiatsu",)),
    "acupuncture": P(47, "HDMCP", "I", ("Consultation d'acupuncture",)),
    # Rehabilitation and side effects.
    "kinesitherapie-reeducation": P(12, "HDM", "I", ("Kinésithérapie et rééducation",)),
    "drainage-lymphatique": P(10, "HM", "I", ("Drainage lymphatique",)),
    "reeducation-perineale": P(5, "HM", "I", ("Rééducation périnéale",)),
    "soins-cicatrices": P(4, "HM", "I", ("Consultation plaies et cicatrices",)),
    "soins-peau-ongles": P(6, "HM", "I", ("Soins de la peau et des ongles pendant les traitements",)),
    "pedicurie-podologie": P(25, "HLM", "I", ("Soins de pédicurie-podologie",)),
    "soins-bouche-dents": P(5, "HM", "I", ("Soins de bouche et consultation dentaire",)),
    "orthophonie": P(5, "HM", "I", ("Orthophonie : voix et déglutition",)),
    "ergotherapie": P(4, "HD", "I", ("Ergothérapie",)),
    "psychomotricite": P(3, "H", "I", ("Psychomotricité",)),
    "stomatherapie": P(6, "HD", "I", ("Consultation de stomathérapie",)),
    "accompagnement-traitements-oraux": P(8, "H", "I", ("Suivi infirmier des chimiothérapies orales",)),
    "education-therapeutique": P(12, "HMC", "G", ("Programme d'éducation thérapeutique",)),
    # ERI: cancer centres and big hospitals only.
    "eri-accueil-ecoute": P(5, "E", "IG", ("Espace de Rencontres et d'Information (ERI)",)),
    "eri-information-orientation": P(5, "E", "IG", ("Espace de Rencontres et d'Information (ERI)",)),
    "eri-documentation": P(2, "E", "IG", ("Espace de Rencontres et d'Information (ERI)",)),
    "eri-rencontres-ateliers": P(3, "E", "G", ("Rencontres et conférences de l'ERI",)),
    "eri-associations-patients": P(2, "E", "G", ("Permanences des associations de patients",)),
}
DEFAULT_PROFILE = CareProfile(3, ALL, "I")

# Category weight multipliers per kind group (pain and social care are hospital matters...).
CATEGORY_BOOST: dict[str, dict[str, float]] = {
    "H": {"douleur": 3, "social": 2.5, "soins-palliatifs": 2.5, "bien-etre-image-de-soi": 0.4, "eri": 3},
    "D": {"soins-palliatifs": 5, "douleur": 2, "social": 2, "bien-etre-image-de-soi": 0.3},
    "L": {"bien-etre-image-de-soi": 1.2, "social": 2, "activite-physique": 1.5},
    "A": {"activite-physique": 2, "soutien-aidants": 2.5},
    "M": {"hygiene-de-vie": 2, "nutrition": 1.5, "reeducation-effets-secondaires": 1.5},
    "C": {"hygiene-de-vie": 3, "social": 3},
    "P": {"activite-physique": 4, "nutrition": 3, "psychologie": 1.5},
}

# Who delivers a non-conventional practice in a health establishment (verifiable diploma).
PSNC_QUALIFICATIONS: dict[str, tuple[str, ...]] = {
    "hypnose": ("Médecin anesthésiste, DIU d'hypnose médicale", "Infirmière, DU d'hypnose thérapeutique"),
    "sophrologie": ("Infirmière, certificat de sophrologue (RNCP)", "Psychologue formée à la sophrologie"),
    "socio-esthetique": ("Socio-esthéticienne diplômée (CODES), intégrée à l'équipe de soins",),
    "art-therapie": ("Art-thérapeute, DU d'art-thérapie (faculté de médecine)",),
    "meditation-pleine-conscience": ("Psychologue, instructrice MBSR certifiée",),
    "relaxation": ("Psychomotricienne diplômée d'État",),
    "reflexologie": ("Infirmière, certificat de réflexologie plantaire",),
    "shiatsu": ("Masseur-kinésithérapeute, formation en shiatsu",),
    "acupuncture": ("Médecin, DIU d'acupuncture", "Sage-femme, DIU d'acupuncture obstétricale"),
}
TOWN_PSNC_QUALIFICATIONS: tuple[str, ...] = (
    "Praticienne certifiée, formée à l'accompagnement en cancérologie",
    "Intervenante diplômée, charte de l'association",
    "Praticien certifié (titre inscrit au RNCP)",
)

CATEGORY_DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "douleur": (
        "Une équipe spécialisée évalue vos douleurs et adapte les traitements avec vous.",
        "Pour soulager les douleurs liées à la maladie ou aux traitements.",
    ),
    "nutrition": (
        "Perte d'appétit, de goût ou de poids : des conseils adaptés pour bien vous nourrir.",
        "Un suivi pour garder vos forces pendant et après les traitements.",
    ),
    "psychologie": (
        "Un espace pour parler de ce que vous vivez, de vos peurs et de vos questions.",
        "Un soutien pour traverser l'annonce, les traitements et l'après.",
    ),
    "social": (
        "De l'aide pour vos droits, votre budget, votre logement ou votre travail.",
        "Un accompagnement pour les démarches administratives et la vie quotidienne.",
    ),
    "activite-physique": (
        "Bouger selon vos capacités, encadré par un professionnel formé à l'APA.",
        "Une activité physique douce et progressive, reconnue pour réduire la fatigue.",
    ),
    "hygiene-de-vie": (
        "Un accompagnement bienveillant pour réduire ou arrêter le tabac, l'alcool ou d'autres produits.",
    ),
    "soutien-aidants": (
        "Pour les proches et les aidants : être écouté et trouver du soutien.",
        "Parce que la maladie touche aussi l'entourage.",
    ),
    "fertilite": ("Avant les traitements, des solutions pour préserver la possibilité d'avoir un enfant.",),
    "sexualite": ("Parler de sa vie intime et de son couple, avec un professionnel formé.",),
    "soins-palliatifs": (
        "Des soins de confort et un accompagnement de la personne et de ses proches.",
        "Soulager les symptômes et préserver la qualité de vie, à l'hôpital ou à domicile.",
    ),
    "bien-etre-image-de-soi": (
        "Un moment pour soi, pour prendre soin de son corps et de son image.",
        "Se détendre et retrouver confiance en soi pendant et après les traitements.",
    ),
    "reeducation-effets-secondaires": ("Des soins pour limiter et traiter les effets secondaires des traitements.",),
    "eri": ("Un lieu d'accueil, d'écoute et d'information, sans rendez-vous, ouvert à tous.",),
}
PSNC_NOTICE = "Ce soin est un complément, jamais un remplacement des traitements."

HOW_TO_ACCESS: dict[str, tuple[str, ...]] = {
    "H": (
        "Sur orientation de l'équipe soignante (oncologue, infirmière d'annonce).",
        "Sur rendez-vous auprès du secrétariat.",
        "Demandez à votre médecin ou à l'infirmière de coordination.",
    ),
    "D": ("Sur prescription du médecin traitant ou du médecin hospitalier.",),
    "L": ("Sur inscription auprès du comité, par téléphone ou par e-mail.", "Sans rendez-vous aux heures d'accueil."),
    "A": ("Inscription auprès de l'association par téléphone.", "Premier contact par e-mail, puis rendez-vous."),
    "M": ("Sur rendez-vous à l'accueil de la maison de santé.", "Sur orientation de votre médecin traitant."),
    "C": ("Sur orientation d'un professionnel de santé du territoire.", "Appelez la coordination de la CPTS."),
    "P": (
        "Sur prescription du médecin (parcours de soins global après cancer), dans l'année qui suit "
        "la fin des traitements.",
    ),
}
SCHEDULES: tuple[str, ...] = (
    "Du lundi au vendredi, de 9 h à 17 h",
    "Du lundi au vendredi, de 8 h 30 à 18 h",
    "Mardi et jeudi, de 14 h à 17 h",
    "Le mercredi après-midi",
    "Un samedi par mois, de 10 h à 12 h",
    "Lundi, mercredi et vendredi matin",
    "Tous les jeudis, de 18 h à 19 h 30",
    "Sur rendez-vous, en semaine",
)
COST_DETAILS_PAID: tuple[str, ...] = (
    "Par séance",
    "Par séance, adhésion annuelle en plus",
    "Pour un cycle de 10 séances",
    "Par consultation, non remboursé",
)
COST_DETAILS_FREE: tuple[str, ...] = (
    "",
    "",
    "Financé par le comité départemental d'entraide",
    "Adhésion à l'association demandée (10 €/an)",
    "Les 5 premières séances sont gratuites",
)
KIND_DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "H": ("Établissement de santé autorisé pour le traitement du cancer, avec une équipe de soins de support.",),
    "D": ("Hospitalisation à domicile : des soins hospitaliers chez vous, 7 jours sur 7.",),
    "L": ("Comité départemental d'une association contre le cancer : aide aux malades et à leurs proches.",),
    "A": (
        "Association de patients et de bénévoles, pour ne pas rester seul face à la maladie.",
        "Association qui propose des activités pour mieux vivre pendant et après un cancer.",
    ),
    "M": ("Équipe de professionnels de santé de proximité : médecins, infirmiers, kinés, diététicienne.",),
    "C": ("Communauté des professionnels de santé du territoire, qui coordonne les parcours.",),
    "P": ("Structure retenue par l'ARS pour le parcours de soins global après le traitement d'un cancer.",),
}
REFERENT_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "H": ("Cadre de santé, soins de support", "Infirmière de coordination en cancérologie", "Médecin coordonnateur"),
    "D": ("Infirmière coordinatrice", "Médecin coordonnateur"),
    "L": ("Présidente du comité", "Chargée de mission actions pour les malades"),
    "A": ("Présidente", "Président", "Coordinatrice bénévole"),
    "M": ("Coordinatrice de la MSP", "Médecin généraliste référent"),
    "C": ("Coordinatrice de la CPTS", "Chargé de mission parcours"),
    "P": ("Coordinatrice du parcours", "Enseignant en APA, coordinateur"),
}
