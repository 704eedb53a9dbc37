import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annuaire.core.identifiers import finess_with_key
from annuaire.directory.enums import AgeGroup, Audience, CareSetting, Cost, PublicationStatus, StructureKind
from annuaire.opendata.export import export_opendata
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, VANNES, commune
from tests.opendata.schema_checker import check_csv

pytestmark = pytest.mark.django_db


def read(directory: Path, name: str) -> str:
    return (directory / name).read_text(encoding="utf-8")


def csv_rows(directory: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(read(directory, "offres.csv"))))
    return rows[0], rows[1:]


def varied_offers() -> None:
    """Offers exercising every kind of column: costs, several places, PSNC, FINESS, lists."""
    ligue = StructureFactory(name="Ligue contre le cancer 29", kind=StructureKind.LIGUE, commune=commune(QUIMPER))
    OfferFactory(
        structure=ligue,
        title="Sophrologie",
        subcategory_codes=["sophrologie", "relaxation"],
        audiences=[Audience.PATIENTS, Audience.RELATIVES],
        age_groups=[AgeGroup.ADULTS],
        care_settings=[CareSetting.TOWN],
        cost=Cost.PARTLY_PAID,
        cost_amount=Decimal("12.50"),
        appointment_delay_days=15,
        contact_email="sophro@example.org",
        places=[
            PlaceFactory(structure=ligue, commune=commune(QUIMPER), wheelchair_accessible=True),
            PlaceFactory(structure=ligue, name="Antenne de Brest", commune=commune(BREST)),
        ],
    )
    hospital = StructureFactory(
        name="CHU de Rennes",
        kind=StructureKind.ETABLISSEMENT_SANTE,
        siret="",
        siren="",
        finess=finess_with_key("35000001"),
    )
    OfferFactory(
        structure=hospital,
        title="Consultation douleur",
        subcategory_codes=["consultation-douleur-chronique"],
        cost=Cost.COVERED,
        parcours_global=False,
    )
    OfferFactory(title="Psychologue à Vannes", commune=commune(VANNES), parcours_global=True)


def test_every_csv_row_conforms_to_the_published_table_schema(opendata_dir: Path) -> None:
    varied_offers()
    export_opendata()
    schema = json.loads(read(opendata_dir, "offres.schema.json"))
    header, rows = csv_rows(opendata_dir)
    assert len(rows) == 4  # one row per offer × place
    assert check_csv(schema, header, rows) == []


def test_the_table_schema_describes_every_column_in_french_with_the_codes_of_vocabularies(opendata_dir: Path) -> None:
    export_opendata()
    schema = json.loads(read(opendata_dir, "offres.schema.json"))
    fields = {f["name"]: f for f in schema["fields"]}
    assert all(f["description"] for f in schema["fields"])
    assert fields["cout"]["constraints"]["enum"] == ["gratuit", "pris-en-charge", "reste-a-charge"]
    assert "douleur" in fields["categorie_code"]["constraints"]["enum"]
    assert "hypnoanalgesie" in fields["sous_categories_codes"]["codes"]
    assert fields["structure_type"]["constraints"]["required"] is True
    assert schema["primaryKey"] == ["offre_id", "lieu_id"]


def test_the_checker_catches_a_value_outside_the_schema(opendata_dir: Path) -> None:
    OfferFactory()
    export_opendata()
    schema = json.loads(read(opendata_dir, "offres.schema.json"))
    header, rows = csv_rows(opendata_dir)
    rows[0][header.index("cout")] = "payant"
    rows[0][header.index("publics")] = "patients;enfants"
    problems = check_csv(schema, header, rows)
    assert len(problems) == 2


def test_only_published_offers_of_published_structures_are_exported(opendata_dir: Path) -> None:
    shown = OfferFactory(title="Publiée")
    OfferFactory(title="Brouillon", status=PublicationStatus.DRAFT)
    OfferFactory(title="Structure retirée", structure=StructureFactory(status=PublicationStatus.DELISTED))
    export_opendata()
    header, rows = csv_rows(opendata_dir)
    assert [row[header.index("offre_intitule")] for row in rows] == ["Publiée"]
    assert [o["id"] for o in json.loads(read(opendata_dir, "offres.json"))] == [str(shown.uuid)]
    features = json.loads(read(opendata_dir, "offres.geojson"))["features"]
    assert [f["properties"]["offre_id"] for f in features] == [str(shown.uuid)]


def test_no_personal_data_of_referents_is_exported(opendata_dir: Path) -> None:
    structure = StructureFactory(
        referent_last_name="Zerbinatti",
        referent_first_name="Gwenola",
        referent_function="Cadre supérieure Kerlouan",
        referent_phone="06 12 34 56 78",
        referent_email="gwenola.zerbinatti@example.org",
    )
    OfferFactory(structure=structure)
    export_opendata()
    for path in opendata_dir.iterdir():
        content = path.read_text(encoding="utf-8")
        for secret in ("Zerbinatti", "Gwenola", "Kerlouan", "06 12 34 56 78", "referent"):
            assert secret not in content, (path.name, secret)


def test_geojson_is_an_rfc_7946_feature_collection_of_points_longitude_first(opendata_dir: Path) -> None:
    varied_offers()
    export_opendata()
    data = json.loads(read(opendata_dir, "offres.geojson"))
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data  # RFC 7946 §4: WGS 84 only, no crs member
    assert len(data["features"]) == 4
    brest = commune(BREST)
    for feature in data["features"]:
        assert set(feature) >= {"type", "geometry", "properties"}
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lng, lat = feature["geometry"]["coordinates"]
        assert -180 <= lng <= 180 and -90 <= lat <= 90
        assert -6 < lng < -1 and 47 < lat < 49  # Brittany: longitude first
        assert isinstance(feature["properties"]["parcours_global"], bool)
    at_brest = [f for f in data["features"] if f["properties"]["lieu_commune_code"] == BREST]
    assert at_brest[0]["geometry"]["coordinates"] == [round(brest.lng, 6), round(brest.lat, 6)]


def test_json_lists_offers_with_their_structure_subcategories_costs_and_places(opendata_dir: Path) -> None:
    varied_offers()
    export_opendata()
    offers = {o["intitule"]: o for o in json.loads(read(opendata_dir, "offres.json"))}
    sophro = offers["Sophrologie"]
    assert sophro["structure"]["nom"] == "Ligue contre le cancer 29"
    assert {s["code"] for s in sophro["sous_categories"]} == {"sophrologie", "relaxation"}
    assert all(s["pratique_non_conventionnelle"] for s in sophro["sous_categories"])
    assert sophro["cout"] == {
        "code": "reste-a-charge",
        "libelle": "Reste à charge pour la personne",
        "montant": 12.5,
        "precisions": "",
    }
    assert sorted(p["commune"]["code"] for p in sophro["lieux"]) == sorted([QUIMPER, BREST])
    assert sophro["publics"] == ["patients", "proches"]
    assert offers["Consultation douleur"]["structure"]["finess"] == finess_with_key("35000001")


def test_datapackage_lists_the_resources_with_hash_schema_and_licences(opendata_dir: Path) -> None:
    OfferFactory()
    export_opendata()
    package = json.loads(read(opendata_dir, "datapackage.json"))
    assert package["licenses"][0]["name"] == "etalab-2.0"
    assert any("ODbL" in licence["name"] for licence in package["licenses"])
    resources = {r["path"]: r for r in package["resources"]}
    assert resources["offres.csv"]["schema"] == "offres.schema.json"
    import hashlib

    for path, resource in resources.items():
        data = (opendata_dir / path).read_bytes()
        assert resource["bytes"] == len(data)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    licence = read(opendata_dir, "LICENCE.md")
    assert "Licence Ouverte" in licence and "La Poste" in licence and "ODbL" in licence


def test_export_replaces_files_atomically_and_leaves_no_temporary_file(opendata_dir: Path) -> None:
    OfferFactory(title="Première")
    export_opendata()
    OfferFactory(title="Seconde")
    export_opendata()
    assert sorted(p.name for p in opendata_dir.iterdir()) == sorted(
        ["offres.csv", "offres.json", "offres.geojson", "offres.schema.json", "datapackage.json", "LICENCE.md"]
    )
    assert "Seconde" in read(opendata_dir, "offres.csv")


def test_export_makes_the_same_number_of_queries_whatever_the_number_of_offers(opendata_dir: Path) -> None:
    OfferFactory()
    with CaptureQueriesContext(connection) as few:
        export_opendata()
    for _ in range(5):
        OfferFactory(subcategory_codes=["consultation-psychologue", "consultation-psycho-oncologue"])
    with CaptureQueriesContext(connection) as many:
        export_opendata()
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_command_writes_to_the_given_folder(tmp_path: Path) -> None:
    OfferFactory()
    out = io.StringIO()
    call_command("export_opendata", dir=tmp_path / "sortie", stdout=out)
    assert (tmp_path / "sortie" / "offres.csv").is_file()
    assert "offres.geojson" in out.getvalue()


def test_the_command_can_write_the_published_offers_in_the_import_format(tmp_path: Path) -> None:
    OfferFactory(title="Au format import")
    call_command("export_opendata", dir=tmp_path, import_format=True, stdout=io.StringIO())
    text = (tmp_path / "offres-format-import.csv").read_text(encoding="utf-8")
    assert text.startswith("structure_nom,structure_type,siret,")
    assert "Au format import" in text
