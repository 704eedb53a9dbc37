"""Files built to hurt: a few kilobytes declaring a million rows, a zip bomb, formulas."""

import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from openpyxl import Workbook

from annuaire.directory.models import Offer, Place, Structure
from annuaire.imports.reader import MAX_ROWS, MAX_UNZIPPED_BYTES, ImportFileError, read_table
from annuaire.imports.template import header
from tests.geo.factories import QUIMPER
from tests.imports.conftest import csv_bytes, row
from tests.imports.test_admin_upload import logged_in, text, upload
from tests.imports.test_import import refused

WriteFile = Callable[..., Path]


def xlsx_declaring_a_million_rows() -> bytes:
    """The header, one row, and one cell in the last row a sheet can have: openpyxl would
    otherwise yield the 1,048,574 empty rows in between."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header())
    sheet.append([row().get(name, "") for name in header()])
    sheet.cell(row=1_048_576, column=1, value="x")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_unzipping_to(size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * size)
    return buffer.getvalue()


def test_an_xlsx_of_a_few_kilobytes_declaring_a_million_rows_is_refused_quickly() -> None:
    bomb = xlsx_declaring_a_million_rows()
    assert len(bomb) < 10_000
    started = time.process_time()
    with pytest.raises(ImportFileError, match=r"Le fichier compte plus de 50\s000 lignes"):
        read_table("offres.xlsx", bomb)
    assert time.process_time() - started < 5  # streamed and cut at the cap, not a million rows


def test_an_xlsx_that_unzips_past_the_cap_is_refused_before_decompressing() -> None:
    bomb = xlsx_unzipping_to(MAX_UNZIPPED_BYTES + 1)
    assert len(bomb) < MAX_UNZIPPED_BYTES // 500
    with pytest.raises(ImportFileError, match=r"se décompresse en plus de 60 Mo"):
        read_table("offres.xlsx", bomb)


def test_a_csv_past_the_row_cap_is_refused() -> None:
    data = ("a\n" * (MAX_ROWS + 2)).encode()
    with pytest.raises(ImportFileError, match=r"plus de 50\s000 lignes"):
        read_table("offres.csv", data)


def test_the_admin_upload_of_the_bomb_answers_its_french_message(db: Any) -> None:
    client = logged_in(User.objects.create_superuser("technicienne", password="x"))
    before = Structure.objects.count(), Offer.objects.count(), Place.objects.count()
    response = upload(client, xlsx_declaring_a_million_rows(), "offres.xlsx")
    assert response.status_code == 200
    assert "Le fichier compte plus de 50 000 lignes" in text(response)
    assert (Structure.objects.count(), Offer.objects.count(), Place.objects.count()) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("structure_nom", '=HYPERLINK("http://evil.example","Ligue")'),
        ("offre_intitule", "+SUM(A1:A9)"),
        ("lieu_nom", "@SUM(A1)"),
    ],
)
def test_names_that_a_spreadsheet_would_run_are_refused_at_import(
    importer_user: User, write_file: WriteFile, column: str, value: str
) -> None:
    journal = refused(write_file(csv_bytes([row(**{column: value, "lieu_commune": QUIMPER})])), importer_user)
    assert "un tableur le prendrait pour une formule" in journal.report_text
