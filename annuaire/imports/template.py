"""The columns of the import template (docs/import.md), defined once for reading and writing.

One row per offer (and per place when an offer has several), the columns of its structure
repeated on every row. Multi-valued cells hold codes separated by ";".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import models

from annuaire.core.spreadsheet import neutralise_row
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
from annuaire.directory.models import Offer, Place, Structure

STRUCTURE, OFFER, PLACE = "structure", "offer", "place"


@dataclass(frozen=True)
class ImportColumn:
    name: str
    target: str  # STRUCTURE, OFFER or PLACE
    attr: str  # model attribute
    kind: str  # text, code, codes, bool, decimal, int, siret, finess, postal_code, commune, category,
    # subcategories, email, url
    description: str
    example: str = ""
    required: bool = False  # the value is required on every row
    choices: type[models.TextChoices] | None = None

    @property
    def codes(self) -> list[str]:
        return [str(value) for value in self.choices.values] if self.choices else []


def _c(*args: Any, **kwargs: Any) -> ImportColumn:
    return ImportColumn(*args, **kwargs)


COLUMNS: list[ImportColumn] = [
    _c("structure_nom", STRUCTURE, "name", "text", "Nom de la structure.", "Ligue contre le cancer – Comité 29", True),
    _c("structure_type", STRUCTURE, "kind", "code", "Type de structure (code).", "ligue", True, StructureKind),
    _c("siret", STRUCTURE, "siret", "siret", "SIRET (14 chiffres). SIRET ou FINESS obligatoire.", "77567257900049"),
    _c("finess", STRUCTURE, "finess", "finess", "FINESS géographique (9 caractères), établissements de santé.", ""),
    _c(
        "structure_association_reconnue",
        STRUCTURE,
        "is_recognised_association",
        "bool",
        "Association reconnue par le réseau (oui/non).",
        "non",
    ),
    _c("structure_adresse", STRUCTURE, "address_line", "text", "Adresse de la structure.", "2 rue Kervéguen"),
    _c("structure_complement_adresse", STRUCTURE, "address_complement", "text", "Complément d'adresse.", ""),
    _c("structure_code_postal", STRUCTURE, "postal_code", "postal_code", "Code postal de la structure.", "29000"),
    _c("structure_commune", STRUCTURE, "commune", "commune", "Commune : code INSEE (conseillé) ou nom.", "29232", True),
    _c("structure_telephone", STRUCTURE, "phone", "text", "Téléphone de la structure.", "02 98 00 00 00"),
    _c("structure_email", STRUCTURE, "email", "email", "E-mail de la structure.", "contact@example.org"),
    _c("structure_site_internet", STRUCTURE, "website", "url", "Site internet (https://...).", ""),
    _c("structure_messagerie_securisee", STRUCTURE, "secure_messaging", "email", "Adresse MSSanté.", ""),
    _c("structure_description", STRUCTURE, "description", "text", "Présentation de la structure.", ""),
    _c("offre_intitule", OFFER, "title", "text", "Intitulé de l'offre.", "Séances de sophrologie", True),
    _c("categorie", OFFER, "category", "category", "Code de la catégorie de soins.", "bien-etre-image-de-soi", True),
    _c(
        "sous_categories",
        OFFER,
        "subcategories",
        "subcategories",
        "Codes des soins proposés, séparés par « ; ».",
        "sophrologie",
        True,
    ),
    _c("offre_description", OFFER, "description", "text", "Description pour le public.", ""),
    _c(
        "publics",
        OFFER,
        "audiences",
        "codes",
        "Pour qui (codes séparés par « ; »).",
        "patients;proches",
        choices=Audience,
    ),
    _c("ages", OFFER, "age_groups", "codes", "Âges (codes séparés par « ; »).", "adultes", choices=AgeGroup),
    _c(
        "lieux_prise_en_charge",
        OFFER,
        "care_settings",
        "codes",
        "Lieux de prise en charge (codes).",
        "ville",
        choices=CareSetting,
    ),
    _c(
        "phases", OFFER, "phases", "codes", "Moments du parcours (codes).", "traitement;apres-traitement", choices=Phase
    ),
    _c("acces", OFFER, "access", "codes", "Conditions d'accès (codes).", "", choices=Access),
    _c("formats", OFFER, "formats", "codes", "Individuel ou en groupe (codes).", "collectif", choices=GroupFormat),
    _c("modalites", OFFER, "modalities", "codes", "Modalités (codes).", "sur-place", choices=Modality),
    _c(
        "parcours_global",
        OFFER,
        "parcours_global",
        "bool",
        "Parcours de soins global après le traitement d'un cancer (oui/non).",
        "non",
    ),
    _c("cout", OFFER, "cost", "code", "Reste à charge (code).", "gratuit", True, Cost),
    _c("cout_montant", OFFER, "cost_amount", "decimal", "Montant restant à payer en euros (si reste-a-charge).", ""),
    _c("cout_precisions", OFFER, "cost_details", "text", "Précisions sur le coût.", ""),
    _c("modalites_acces", OFFER, "how_to_access", "text", "Comment y accéder.", "Sur rendez-vous"),
    _c("delai_rdv_jours", OFFER, "appointment_delay_days", "int", "Délai habituel de rendez-vous, en jours.", "15"),
    _c("horaires", OFFER, "schedule", "text", "Jours et horaires.", "Mardi 14 h – 16 h"),
    _c("offre_telephone", OFFER, "contact_phone", "text", "Téléphone pour prendre rendez-vous.", ""),
    _c("offre_email", OFFER, "contact_email", "email", "E-mail de contact de l'offre.", ""),
    _c(
        "qualification_praticien",
        OFFER,
        "practitioner_qualification",
        "text",
        "Qualification du praticien (diplôme, certification) : obligatoire pour une pratique non conventionnelle.",
        "Sophrologue certifiée (RNCP)",
    ),
    _c("lieu_nom", PLACE, "name", "text", "Nom du lieu (vide : l'adresse de la structure).", ""),
    _c("lieu_adresse", PLACE, "address_line", "text", "Adresse du lieu.", ""),
    _c("lieu_complement_adresse", PLACE, "address_complement", "text", "Complément d'adresse du lieu.", ""),
    _c("lieu_code_postal", PLACE, "postal_code", "postal_code", "Code postal du lieu.", ""),
    _c("lieu_commune", PLACE, "commune", "commune", "Commune du lieu : code INSEE ou nom.", ""),
    _c("lieu_telephone", PLACE, "phone", "text", "Téléphone du lieu.", ""),
    _c(
        "lieu_accessible_fauteuil",
        PLACE,
        "wheelchair_accessible",
        "bool",
        "Accessible en fauteuil roulant (oui/non, vide si inconnu).",
        "",
    ),
    _c("lieu_acces", PLACE, "access_notes", "text", "Accès (transports, parking...).", ""),
]
COLUMNS_BY_NAME = {column.name: column for column in COLUMNS}
# A file without these columns is refused; SIRET or FINESS must be present too.
REQUIRED_COLUMNS = [column.name for column in COLUMNS if column.required]
IDENTIFIER_COLUMNS = ("siret", "finess")


def header() -> list[str]:
    return [column.name for column in COLUMNS]


def format_value(column: ImportColumn, value: Any) -> str:
    if column.kind == "codes":
        return ";".join(sorted(value))
    if column.kind == "bool":
        return "" if value is None else ("oui" if value else "non")
    if column.kind == "commune":
        return value.code if value is not None else ""
    if column.kind == "category":
        return value.code
    if column.kind == "subcategories":
        return ";".join(sorted(sub.code for sub in value.all()))
    return "" if value is None else str(value)


def offer_row(offer: Offer, place: Place) -> list[str]:
    objects: dict[str, Structure | Offer | Place] = {STRUCTURE: offer.structure, OFFER: offer, PLACE: place}
    return [format_value(column, getattr(objects[column.target], column.attr)) for column in COLUMNS]


def import_csv_text(offers: Iterable[Offer]) -> str:
    """The offers in the shape of the import template (one row per offer × place)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header())
    for offer in offers:
        for place in offer.places.all():
            writer.writerow(neutralise_row(offer_row(offer, place)))
    return buffer.getvalue()


def write_import_csv(path: Path, offers: Iterable[Offer] | None = None) -> int:
    """Write the published offers (or `offers`) in the import format; return the size in bytes."""
    from annuaire.opendata.export import published_offers, write_atomic

    text = import_csv_text(published_offers() if offers is None else offers)
    write_atomic(path, text)
    return len(text.encode("utf-8"))


def example_rows() -> list[list[str]]:
    first = [column.example for column in COLUMNS]
    second = list(first)
    values = {
        "offre_intitule": "Atelier d'activité physique adaptée",
        "categorie": "activite-physique",
        "sous_categories": "gym-adaptee",
        "publics": "patients",
        "cout": "reste-a-charge",
        "cout_montant": "5.00",
        "cout_precisions": "Adhésion annuelle à l'association",
        "horaires": "Jeudi 10 h – 11 h",
        "lieu_nom": "Salle municipale de Kerfeunteun",
        "lieu_adresse": "Rue de Kerfeunteun",
        "lieu_code_postal": "29000",
        "lieu_commune": "Quimper",
        "qualification_praticien": "",
    }
    for name, value in values.items():
        second[header().index(name)] = value
    return [first, second]
