"""Write the open-data files of the published offers (docs/opendata.md).

Every file is written to a temporary file in the target folder, then renamed over the old
one, so that a download never sees a half-written file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from annuaire.core.spreadsheet import neutralise_row
from annuaire.directory.models import Offer, Place
from annuaire.opendata.columns import Column, build_columns

CSV_FILE = "offres.csv"
JSON_FILE = "offres.json"
GEOJSON_FILE = "offres.geojson"
SCHEMA_FILE = "offres.schema.json"
DATAPACKAGE_FILE = "datapackage.json"
LICENCE_FILE = "LICENCE.md"


@dataclass(frozen=True)
class PublishedFile:
    name: str
    title: str
    media_type: str


# The only files served by /donnees-ouvertes/<filename>, in the order of the public page.
PUBLISHED_FILES = (
    PublishedFile(CSV_FILE, "Offres, une ligne par offre et par lieu (CSV)", "text/csv"),
    PublishedFile(JSON_FILE, "Offres avec leur structure et leurs lieux (JSON)", "application/json"),
    PublishedFile(GEOJSON_FILE, "Carte des offres, un point par offre et par lieu (GeoJSON)", "application/geo+json"),
    PublishedFile(SCHEMA_FILE, "Schéma des colonnes du CSV (Table Schema)", "application/json"),
    PublishedFile(DATAPACKAGE_FILE, "Description du jeu de données (Data Package)", "application/json"),
    PublishedFile(LICENCE_FILE, "Licence et attributions", "text/markdown"),
)
PUBLISHED_NAMES = {f.name: f for f in PUBLISHED_FILES}

LICENCE_ID = "etalab-2.0"
LICENCE_TITLE = "Licence Ouverte / Open Licence version 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
ODBL_URL = "https://opendatacommons.org/licenses/odbl/1-0/"

LICENCE_TEXT = """# Licence des données ouvertes de l'{site}

Données publiées par : {network}.

Les fichiers `offres.csv`, `offres.json` et `offres.geojson` décrivent les offres de soins
oncologiques de support **publiées** dans l'annuaire. Ils sont diffusés sous la
**{title}** (Etalab) : {url}

Vous pouvez les réutiliser librement, y compris commercialement, en mentionnant la source
(« {site} – {network} ») et la date de mise à jour.

## Données géographiques de référence

- Codes et noms des communes, départements et régions : INSEE – Code officiel géographique
  2024 (Licence Ouverte 2.0). Coordonnées des centres de communes : IGN et INSEE,
  compilation github.com/rcarlier/datas.fun.
- Codes postaux : les codes postaux des adresses sont saisis par les structures et
  contrôlés à l'aide de la Base officielle des codes postaux de **La Poste**
  (data.gouv.fr). Dans la mesure où ces codes proviennent de cette base, ils sont
  attribués à La Poste et cette partie des données relève de l'**Open Database License
  (ODbL)** : {odbl}

## Ce que ces fichiers ne contiennent pas

Aucune donnée personnelle : les coordonnées des personnes référentes des structures ne
sont jamais publiées. Figurer dans l'annuaire n'est pas un label.
"""


def opendata_dir() -> Path:
    return Path(getattr(settings, "OPENDATA_DIR", Path(settings.BASE_DIR) / "var" / "opendata"))


def published_offers() -> QuerySet[Offer]:
    return Offer.objects.published().with_result_relations().order_by("structure__name", "title", "pk")


def offer_places(offers: Iterable[Offer]) -> Iterator[tuple[Offer, Place]]:
    for offer in offers:
        for place in offer.places.all():
            yield offer, place


def csv_text(columns: list[Column], offers: Iterable[Offer]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in columns])
    for offer, place in offer_places(offers):
        writer.writerow(neutralise_row([column.get(offer, place) for column in columns]))
    return buffer.getvalue()


def typed(column: Column, value: str) -> Any:
    """A CSV cell as a JSON value of its Table Schema type (empty cells are null)."""
    if value == "":
        return None if column.type != "string" or not column.required else ""
    if column.type == "boolean":
        return value == "true"
    if column.type == "integer":
        return int(value)
    if column.type == "number":
        return float(value)
    return value


def geojson_data(columns: list[Column], offers: Iterable[Offer]) -> dict[str, Any]:
    features = []
    for offer, place in offer_places(offers):
        geometry = (
            None
            if place.lat is None or place.lng is None
            else {
                "type": "Point",
                "coordinates": [round(place.lng, 6), round(place.lat, 6)],  # RFC 7946: longitude first
            }
        )
        properties = {column.name: typed(column, column.get(offer, place)) for column in columns}
        features.append(
            {"type": "Feature", "id": f"{offer.uuid}/{place.uuid}", "geometry": geometry, "properties": properties}
        )
    return {"type": "FeatureCollection", "features": features}


def offer_json(offer: Offer) -> dict[str, Any]:
    structure = offer.structure
    subcategories = sorted(offer.subcategories.all(), key=lambda sub: sub.code)
    return {
        "id": str(offer.uuid),
        "intitule": offer.title,
        "description": offer.description,
        "categorie": {"code": offer.category.code, "libelle": offer.category.label},
        "sous_categories": [
            {"code": s.code, "libelle": s.label, "pratique_non_conventionnelle": s.is_non_conventional}
            for s in subcategories
        ],
        "publics": sorted(offer.audiences),
        "ages": sorted(offer.age_groups),
        "lieux_prise_en_charge": sorted(offer.care_settings),
        "phases": sorted(offer.phases),
        "acces": sorted(offer.access),
        "formats": sorted(offer.formats),
        "modalites": sorted(offer.modalities),
        "parcours_global": offer.parcours_global,
        "cout": {
            "code": offer.cost,
            "libelle": offer.get_cost_display(),
            "montant": None if offer.cost_amount is None else float(offer.cost_amount),
            "precisions": offer.cost_details,
        },
        "modalites_acces": offer.how_to_access,
        "delai_rdv_jours": offer.appointment_delay_days,
        "horaires": offer.schedule,
        # The number the offer page shows (docs/domain.md, "Le téléphone d'une offre").
        "contact": {"telephone": offer.phone_for(next(iter(offer.places.all()), None)), "email": offer.contact_email},
        "qualification_praticien": offer.practitioner_qualification,
        "derniere_verification": offer.last_verified_at.isoformat() if offer.last_verified_at else None,
        "mise_a_jour": offer.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "structure": {
            "id": str(structure.uuid),
            "nom": structure.name,
            "type": structure.kind,
            "type_libelle": structure.get_kind_display(),
            "siret": structure.siret,
            "finess": structure.finess,
            "adresse": structure.address_line,
            "complement_adresse": structure.address_complement,
            "code_postal": structure.postal_code,
            "commune": {"code": structure.commune_id, "nom": structure.commune.name},
            "telephone": structure.phone,
            "email": structure.email,
            "site_internet": structure.website,
            "messagerie_securisee": structure.secure_messaging,
        },
        "lieux": [
            {
                "id": str(place.uuid),
                "nom": place.name,
                "adresse": place.address_line,
                "complement_adresse": place.address_complement,
                "code_postal": place.postal_code,
                "commune": {"code": place.commune_id, "nom": place.commune.name},
                "departement": place.commune.departement_id,
                "latitude": place.lat,
                "longitude": place.lng,
                "telephone": place.phone,
                "accessible_fauteuil": place.wheelchair_accessible,
                "acces": place.access_notes,
            }
            for place in offer.places.all()
        ],
    }


def table_schema(columns: list[Column]) -> dict[str, Any]:
    return {
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "name": "offres-soins-oncologiques-de-support",
        "title": "Offres de soins oncologiques de support publiées",
        "description": "Une ligne par offre publiée et par lieu où elle est proposée. Les cellules à "
        "plusieurs valeurs contiennent des codes séparés par « ; ».",
        "fields": [column.schema_field() for column in columns],
        "missingValues": [""],
        "primaryKey": ["offre_id", "lieu_id"],
    }


def write_atomic(path: Path, content: str) -> None:
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def export_opendata(directory: Path | None = None) -> dict[str, int]:
    """Regenerate every open-data file in `directory`; return the size of each file in bytes."""
    directory = directory or opendata_dir()
    directory.mkdir(parents=True, exist_ok=True)
    columns = build_columns()
    offer_list = list(published_offers())  # one set of queries, reused by every format
    site, network = settings.SITE_NAME, settings.NETWORK_NAME
    contents = {
        CSV_FILE: csv_text(columns, offer_list),
        JSON_FILE: dumps([offer_json(offer) for offer in offer_list]),
        GEOJSON_FILE: dumps(geojson_data(columns, offer_list)),
        SCHEMA_FILE: dumps(table_schema(columns)),
        LICENCE_FILE: LICENCE_TEXT.format(
            site=site, network=network, title=LICENCE_TITLE, url=LICENCE_URL, odbl=ODBL_URL
        ),
    }
    contents[DATAPACKAGE_FILE] = dumps(datapackage(contents, site, network))
    for name, content in contents.items():
        write_atomic(directory / name, content)
    return {name: len(content.encode("utf-8")) for name, content in contents.items()}


def datapackage(contents: dict[str, str], site: str, network: str) -> dict[str, Any]:
    def resource(name: str, title: str, fmt: str, media_type: str, **extra: Any) -> dict[str, Any]:
        data = contents[name].encode("utf-8")
        return {
            "name": name.replace(".", "-").lower(),
            "path": name,
            "title": title,
            "format": fmt,
            "mediatype": media_type,
            "encoding": "utf-8",
            "bytes": len(data),
            "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
            **extra,
        }

    return {
        "name": "annuaire-sos-offres",
        "title": f"{site} – offres de soins oncologiques de support",
        "description": f"Offres de soins oncologiques de support publiées dans l'annuaire régional ({network}).",
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": [
            {"name": LICENCE_ID, "title": LICENCE_TITLE, "path": LICENCE_URL},
            {"name": "ODbL-1.0", "title": "Open Database License 1.0 (codes postaux de La Poste)", "path": ODBL_URL},
        ],
        "sources": [
            {"title": network},
            {"title": "INSEE – Code officiel géographique 2024 (Licence Ouverte 2.0)"},
            {"title": "La Poste – Base officielle des codes postaux (data.gouv.fr)"},
        ],
        "resources": [
            resource(
                CSV_FILE,
                "Offres, une ligne par offre et par lieu",
                "csv",
                "text/csv",
                profile="tabular-data-resource",
                schema=SCHEMA_FILE,
                dialect={"delimiter": ",", "header": True},
            ),
            resource(JSON_FILE, "Offres avec leur structure et leurs lieux", "json", "application/json"),
            resource(GEOJSON_FILE, "Offres géolocalisées", "geojson", "application/geo+json"),
            resource(LICENCE_FILE, "Licence et attributions", "md", "text/markdown"),
        ],
    }
