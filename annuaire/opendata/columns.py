"""The columns of the open-data CSV, defined once for the CSV, its Table Schema and the GeoJSON.

One row per published offer × place. Names are French snake_case; multi-valued cells hold
codes separated by ";" (see docs/opendata.md). No personal data: referent fields never appear.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from annuaire.directory.enums import (
    Access,
    AgeGroup,
    Audience,
    CareSetting,
    Cost,
    GroupFormat,
    Modality,
    Phase,
    StructureKind,
)
from annuaire.directory.models import Offer, Place
from annuaire.taxonomy.models import Category, SubCategory

LIST_SEPARATOR = ";"

Getter = Callable[[Offer, Place], Any]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, number, boolean, date, datetime
    description: str
    get: Getter
    required: bool = False
    enum: tuple[str, ...] = ()  # single code among these
    list_of: tuple[str, ...] = ()  # ";"-separated codes among these
    format: str = ""
    constraints: dict[str, Any] = field(default_factory=dict)

    def schema_field(self) -> dict[str, Any]:
        spec: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        if self.format:
            spec["format"] = self.format
        constraints = dict(self.constraints)
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.list_of:
            alternatives = "|".join(re.escape(code) for code in self.list_of)
            constraints["pattern"] = f"({alternatives})({LIST_SEPARATOR}({alternatives}))*"
            # Not part of Table Schema v1: the codes allowed in the list, for re-users.
            spec["codes"] = list(self.list_of)
        if self.type == "boolean":
            spec["trueValues"] = ["true"]
            spec["falseValues"] = ["false"]
        if constraints:
            spec["constraints"] = constraints
        return spec


def codes(choices: Any) -> tuple[str, ...]:
    return tuple(str(value) for value in choices.values)


def describe(intro: str, choices: Iterable[tuple[str, Any]]) -> str:
    return intro + " Codes : " + " ; ".join(f"« {code} » ({label})" for code, label in choices) + "."


def join(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(values)


def yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return "true" if value else "false"


def number(value: Decimal | float | None) -> str:
    return "" if value is None else str(value)


def _subcategories(offer: Offer) -> list[SubCategory]:
    return sorted(offer.subcategories.all(), key=lambda sub: sub.code)


def build_columns() -> list[Column]:
    """The columns, with the taxonomy codes read from the database (the taxonomy is data)."""
    category_codes = tuple(Category.objects.order_by("code").values_list("code", flat=True))
    subcategory_codes = tuple(SubCategory.objects.order_by("code").values_list("code", flat=True))
    chosen = {
        "publics": (Audience, "Publics accueillis (pour qui)."),
        "ages": (AgeGroup, "Tranches d'âge accueillies."),
        "lieux_prise_en_charge": (CareSetting, "Où se déroule la prise en charge."),
        "phases": (Phase, "Moments du parcours de soins concernés."),
        "acces": (Access, "Conditions d'accès selon le suivi de la personne."),
        "formats": (GroupFormat, "Individuel ou en groupe."),
        "modalites": (Modality, "Sur place, à distance ou au domicile."),
    }
    attrs = {
        "publics": "audiences",
        "ages": "age_groups",
        "lieux_prise_en_charge": "care_settings",
        "phases": "phases",
        "acces": "access",
        "formats": "formats",
        "modalites": "modalities",
    }

    def vocab_column(name: str) -> Column:
        choices, intro = chosen[name]
        attr = attrs[name]
        return Column(
            name,
            "string",
            describe(intro + " Plusieurs codes séparés par « ; ».", choices.choices),
            lambda o, p: join(sorted(getattr(o, attr))),
            list_of=codes(choices),
        )

    uuid_pattern = {"pattern": "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"}
    return [
        Column(
            "offre_id",
            "string",
            "Identifiant stable de l'offre (UUID).",
            lambda o, p: str(o.uuid),
            required=True,
            format="uuid",
            constraints=uuid_pattern,
        ),
        Column("offre_intitule", "string", "Intitulé de l'offre.", lambda o, p: o.title, required=True),
        Column("offre_description", "string", "Description de l'offre pour le public.", lambda o, p: o.description),
        Column(
            "categorie_code",
            "string",
            "Code de la catégorie de soins de support.",
            lambda o, p: o.category.code,
            required=True,
            enum=category_codes,
        ),
        Column(
            "categorie_libelle",
            "string",
            "Libellé de la catégorie de soins de support.",
            lambda o, p: o.category.label,
            required=True,
        ),
        Column(
            "sous_categories_codes",
            "string",
            "Codes des soins proposés (sous-catégories), séparés par « ; ».",
            lambda o, p: join(s.code for s in _subcategories(o)),
            required=True,
            list_of=subcategory_codes,
        ),
        Column(
            "sous_categories_libelles",
            "string",
            "Libellés des soins proposés, séparés par « ; ».",
            lambda o, p: join(s.label for s in _subcategories(o)),
            required=True,
        ),
        Column(
            "pratique_non_conventionnelle",
            "boolean",
            "Vrai si l'offre comprend une pratique de soin non conventionnelle : un complément, jamais un "
            "remplacement des traitements.",
            lambda o, p: yes_no(o.is_non_conventional),
            required=True,
        ),
        vocab_column("publics"),
        vocab_column("ages"),
        vocab_column("lieux_prise_en_charge"),
        vocab_column("phases"),
        vocab_column("acces"),
        vocab_column("formats"),
        vocab_column("modalites"),
        Column(
            "parcours_global",
            "boolean",
            "Offre du parcours de soins global après le traitement d'un cancer (sans frais pour la personne).",
            lambda o, p: yes_no(o.parcours_global),
            required=True,
        ),
        Column(
            "cout",
            "string",
            describe("Reste à charge pour la personne.", Cost.choices),
            lambda o, p: o.cost,
            required=True,
            enum=codes(Cost),
        ),
        Column(
            "cout_montant",
            "number",
            "Montant restant à payer par la personne, en euros (si « reste-a-charge »).",
            lambda o, p: number(o.cost_amount),
            constraints={"minimum": 0},
        ),
        Column("cout_precisions", "string", "Précisions sur le coût.", lambda o, p: o.cost_details),
        Column(
            "modalites_acces",
            "string",
            "Comment accéder à l'offre (rendez-vous, prescription...).",
            lambda o, p: o.how_to_access,
        ),
        Column(
            "delai_rdv_jours",
            "integer",
            "Délai habituel pour obtenir un rendez-vous, en jours.",
            lambda o, p: number(o.appointment_delay_days),
            constraints={"minimum": 0},
        ),
        Column("horaires", "string", "Jours et horaires.", lambda o, p: o.schedule),
        Column(
            "offre_telephone",
            "string",
            "Téléphone à appeler pour cette offre : le sien, sinon celui du lieu, sinon celui de la structure.",
            lambda o, p: o.phone_for(p),
        ),
        Column("offre_email", "string", "E-mail de contact de l'offre.", lambda o, p: o.contact_email, format="email"),
        Column(
            "qualification_praticien",
            "string",
            "Qualification du praticien (ex. « médecin, DIU d'hypnose »).",
            lambda o, p: o.practitioner_qualification,
        ),
        Column(
            "derniere_verification",
            "date",
            "Date de la dernière vérification des informations de l'offre.",
            lambda o, p: o.last_verified_at.isoformat() if o.last_verified_at else "",
        ),
        Column(
            "offre_mise_a_jour",
            "datetime",
            "Date et heure de la dernière modification de l'offre (UTC).",
            lambda o, p: o.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            required=True,
        ),
        Column(
            "structure_id",
            "string",
            "Identifiant stable de la structure (UUID).",
            lambda o, p: str(o.structure.uuid),
            required=True,
            format="uuid",
            constraints=uuid_pattern,
        ),
        Column(
            "structure_nom",
            "string",
            "Nom de la structure qui propose l'offre.",
            lambda o, p: o.structure.name,
            required=True,
        ),
        Column(
            "structure_type",
            "string",
            describe("Type de structure.", StructureKind.choices),
            lambda o, p: o.structure.kind,
            required=True,
            enum=codes(StructureKind),
        ),
        Column(
            "structure_siret",
            "string",
            "Numéro SIRET de la structure.",
            lambda o, p: o.structure.siret,
            constraints={"pattern": "[0-9]{14}"},
        ),
        Column(
            "structure_finess",
            "string",
            "Numéro FINESS géographique (établissements de santé).",
            lambda o, p: o.structure.finess,
            constraints={"pattern": "([0-9]{2}|2A|2B)[0-9]{7}"},
        ),
        Column("structure_adresse", "string", "Adresse de la structure.", lambda o, p: o.structure.address_line),
        Column(
            "structure_code_postal",
            "string",
            "Code postal de la structure.",
            lambda o, p: o.structure.postal_code,
            constraints={"pattern": "[0-9]{5}"},
        ),
        Column(
            "structure_commune_code",
            "string",
            "Code INSEE de la commune de la structure.",
            lambda o, p: o.structure.commune_id,
            required=True,
            constraints={"pattern": "[0-9AB]{5}"},
        ),
        Column(
            "structure_commune",
            "string",
            "Nom de la commune de la structure.",
            lambda o, p: o.structure.commune.name,
            required=True,
        ),
        Column("structure_telephone", "string", "Téléphone de la structure.", lambda o, p: o.structure.phone),
        Column("structure_email", "string", "E-mail de la structure.", lambda o, p: o.structure.email, format="email"),
        Column(
            "structure_site_internet",
            "string",
            "Site internet de la structure.",
            lambda o, p: o.structure.website,
            format="uri",
        ),
        Column(
            "structure_messagerie_securisee",
            "string",
            "Adresse de messagerie sécurisée de santé (MSSanté).",
            lambda o, p: o.structure.secure_messaging,
            format="email",
        ),
        Column(
            "lieu_id",
            "string",
            "Identifiant stable du lieu (UUID).",
            lambda o, p: str(p.uuid),
            required=True,
            format="uuid",
            constraints=uuid_pattern,
        ),
        Column("lieu_nom", "string", "Nom du lieu où l'offre est proposée.", lambda o, p: p.name, required=True),
        Column("lieu_adresse", "string", "Adresse du lieu.", lambda o, p: p.address_line),
        Column("lieu_complement_adresse", "string", "Complément d'adresse du lieu.", lambda o, p: p.address_complement),
        Column(
            "lieu_code_postal",
            "string",
            "Code postal du lieu (codes postaux : La Poste, voir la licence).",
            lambda o, p: p.postal_code,
            constraints={"pattern": "[0-9]{5}"},
        ),
        Column(
            "lieu_commune_code",
            "string",
            "Code INSEE de la commune du lieu.",
            lambda o, p: p.commune_id,
            required=True,
            constraints={"pattern": "[0-9AB]{5}"},
        ),
        Column(
            "lieu_commune", "string", "Nom de la commune du lieu (INSEE).", lambda o, p: p.commune.name, required=True
        ),
        Column(
            "lieu_departement_code",
            "string",
            "Code INSEE du département du lieu.",
            lambda o, p: p.commune.departement_id,
            required=True,
        ),
        Column(
            "lieu_latitude",
            "number",
            "Latitude du lieu (WGS 84) ; à défaut, centre de la commune.",
            lambda o, p: number(p.lat),
            constraints={"minimum": -90, "maximum": 90},
        ),
        Column(
            "lieu_longitude",
            "number",
            "Longitude du lieu (WGS 84) ; à défaut, centre de la commune.",
            lambda o, p: number(p.lng),
            constraints={"minimum": -180, "maximum": 180},
        ),
        Column("lieu_telephone", "string", "Téléphone du lieu.", lambda o, p: p.phone),
        Column(
            "lieu_accessible_fauteuil",
            "boolean",
            "Lieu accessible en fauteuil roulant (vide si inconnu).",
            lambda o, p: yes_no(p.wheelchair_accessible),
        ),
        Column(
            "lieu_acces",
            "string",
            "Accès et accessibilité du lieu (transports, parking...).",
            lambda o, p: p.access_notes,
        ),
    ]
