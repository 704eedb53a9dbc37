"""Read an import file (CSV or XLSX) into rows of text cells keyed by normalised column name."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from annuaire.core.text import normalize


class ImportFileError(Exception):
    """The file as a whole cannot be read: the message is French, for the person importing."""


@dataclass
class Table:
    columns: list[str]  # normalised header, in file order
    rows: list[tuple[int, dict[str, str]]]  # (line number as a spreadsheet shows it, cells)
    encoding: str = ""


# Hard caps, whatever the file declares: rows read (empty ones included, as a spreadsheet
# numbers them), bytes once unzipped (an XLSX is a zip archive), columns kept per row.
MAX_ROWS = 50_000
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024
MAX_COLUMNS = 200
TOO_MANY_ROWS = (
    f"Le fichier compte plus de {MAX_ROWS:_} lignes (lignes vides comprises) : découpez-le en plusieurs fichiers, "
    "et supprimez les lignes vides ou mises en forme en fin de feuille."
).replace("_", "\N{NARROW NO-BREAK SPACE}")
TOO_BIG_UNZIPPED = (
    f"Ce fichier Excel (.xlsx) se décompresse en plus de {MAX_UNZIPPED_BYTES // (1024 * 1024)} Mo : il est trop "
    "volumineux ou anormal. Enregistrez le tableau au format « CSV UTF-8 », ou découpez-le en plusieurs fichiers."
)

# Cells an XLSX stores as numbers although they are codes: restore their leading zeros.
_ZERO_PADDED = {"siret": 14, "finess": 9, "structure_code_postal": 5, "lieu_code_postal": 5}
_ZERO_PADDED_IF_NUMBER = {"structure_commune": 5, "lieu_commune": 5}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def normalize_header(name: Any) -> str:
    return normalize(str(name or "")).replace(" ", "_")


def read_table(file_name: str, data: bytes) -> Table:
    lowered = file_name.lower()
    if data[:4] == b"PK\x03\x04" or lowered.endswith(".xlsx"):
        return _read_xlsx(data)
    if lowered.endswith((".xls", ".ods")) or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError(
            "Format de fichier non pris en charge : enregistrez le tableau au format « Classeur Excel (.xlsx) » "
            "ou « CSV UTF-8 »."
        )
    text, encoding = decode(data)
    table = _read_csv(text)
    table.encoding = encoding
    return table


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), else Windows-1252 if it decodes cleanly, else a French error."""
    candidates = ("utf-8-sig", "cp1252")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _CONTROL.search(text):
            return text, "utf-8" if encoding == "utf-8-sig" else "windows-1252"
    raise ImportFileError(
        "Encodage du fichier non reconnu : le fichier n'est ni en UTF-8 ni en Windows-1252 (Latin-1). "
        "Dans votre tableur, enregistrez-le au format « CSV UTF-8 » et réessayez."
    )


def _read_csv(text: str) -> Table:
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = []
    try:
        for record in reader:
            records.append(record[:MAX_COLUMNS])
            if len(records) > MAX_ROWS + 1:
                raise ImportFileError(TOO_MANY_ROWS)
    except csv.Error as error:
        raise ImportFileError(f"Fichier CSV mal formé : {error}.") from error
    return _table(records)


def _check_unzipped_size(data: bytes) -> None:
    """Refuse a zip bomb before decompressing anything: the sizes its directory declares are
    also the most that Python's zipfile will ever produce for each member."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportFileError("Ce fichier Excel (.xlsx) est illisible ou endommagé.") from error
    if unzipped > MAX_UNZIPPED_BYTES:
        raise ImportFileError(TOO_BIG_UNZIPPED)


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    _check_unzipped_size(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged file
        raise ImportFileError("Ce fichier Excel (.xlsx) est illisible ou endommagé.") from error
    records: list[list[Any]] = []
    try:
        sheet = workbook.worksheets[0]
        # One row at a time: a sheet may declare a million (empty) rows in a few kilobytes.
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            records.append(list(row))
            if len(records) > MAX_ROWS + 1:
                raise ImportFileError(TOO_MANY_ROWS)
    except ImportFileError:
        raise
    except Exception as error:  # a damaged sheet fails while being read, not only when opened
        raise ImportFileError("Ce fichier Excel (.xlsx) est illisible ou endommagé.") from error
    finally:
        workbook.close()
    header = [normalize_header(cell) for cell in (records[0] if records else [])]
    converted = [
        [_xlsx_cell(header[i] if i < len(header) else "", cell) for i, cell in enumerate(row)] for row in records[1:]
    ]
    return _table([[str(cell or "") for cell in (records[0] if records else [])], *converted])


def _xlsx_cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        width = _ZERO_PADDED.get(column) or _ZERO_PADDED_IF_NUMBER.get(column) or 0
        return str(value).zfill(width)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _table(records: list[list[str]]) -> Table:
    if not records or not any(cell.strip() for cell in records[0]):
        raise ImportFileError("Le fichier est vide : la première ligne doit contenir les noms des colonnes.")
    columns = [normalize_header(cell) for cell in records[0]]
    rows = []
    for index, record in enumerate(records[1:], start=2):
        cells = [unicodedata.normalize("NFC", cell).strip() for cell in record]
        if not any(cells):
            continue
        rows.append((index, {name: cells[i] if i < len(cells) else "" for i, name in enumerate(columns) if name}))
    return Table(columns=[c for c in columns if c], rows=rows)
