"""Names such as =HYPERLINK(...), +SUM(...), @SUM(...) never come out as live formulas in a
CSV or XLSX export; numbers and phone numbers come out as they are."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from annuaire.imports.template import import_csv_text
from annuaire.opendata.export import export_opendata, published_offers
from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import BREST, commune

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example","Ligue")'


def hostile_offer() -> None:
    # Written directly, as data older than the input checks could be.
    structure = StructureFactory(name=HOSTILE, phone="+33 2 98 00 00 00", commune=commune(BREST))
    OfferFactory(structure=structure, title="+SUM(A1:A9)", schedule="@SUM(A1)", commune=commune(BREST))


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_open_data_csv_neutralises_formula_cells(opendata_dir: Path) -> None:
    hostile_offer()
    export_opendata()
    (line,) = rows((opendata_dir / "offres.csv").read_text(encoding="utf-8"))
    assert line["structure_nom"] == "'" + HOSTILE
    assert line["offre_intitule"] == "'+SUM(A1:A9)"
    assert line["horaires"] == "'@SUM(A1)"
    assert line["structure_telephone"] == "+33 2 98 00 00 00"
    assert line["lieu_longitude"].startswith("-4.")


def test_the_json_files_keep_the_text_as_it_is(opendata_dir: Path) -> None:
    hostile_offer()
    export_opendata()
    assert HOSTILE.replace('"', '\\"') in (opendata_dir / "offres.json").read_text(encoding="utf-8")


def test_the_export_in_the_import_format_neutralises_formula_cells() -> None:
    hostile_offer()
    (line,) = rows(import_csv_text(published_offers()))
    assert line["structure_nom"] == "'" + HOSTILE
    assert line["offre_intitule"] == "'+SUM(A1:A9)"


def test_the_xlsx_template_holds_no_formula(tmp_path: Path) -> None:
    output = tmp_path / "modele.xlsx"
    call_command("import_template", str(output), stdout=io.StringIO())
    workbook = load_workbook(output)
    assert not [
        cell.coordinate for sheet in workbook for line in sheet.iter_rows() for cell in line if cell.data_type == "f"
    ]
