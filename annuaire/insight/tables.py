"""Downloads of the network's tables as CSV or XLSX, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

Row = Sequence[Any]
FORMULA_STARTS = ("=", "+", "-", "@")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value: Any) -> Any:
    """A text cell starting like a formula gets a leading apostrophe (CSV/formula injection);
    numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header: Row, rows: Iterable[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([neutralise(v) for v in header])
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return buffer.getvalue()


Sheet = tuple[str, Row, Iterable[Row]]


def xlsx_bytes(header: Row, rows: Iterable[Row], title: str, more: Sequence[Sheet] = ()) -> bytes:
    """A workbook whose first sheet is `title`, then the `more` sheets (title, header, rows)."""
    from openpyxl import Workbook  # loaded by the first download, not at start-up

    workbook = Workbook(write_only=True)
    for sheet_title, sheet_header, sheet_rows in [(title, header, rows), *more]:
        sheet = workbook.create_sheet(sheet_title[:31])
        sheet.append([neutralise(v) for v in sheet_header])
        for row in sheet_rows:
            sheet.append([neutralise(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(
    fmt: str, filename: str, header: Row, rows: Iterable[Row], title: str, more: Sequence[Sheet] = ()
) -> HttpResponse:
    """`fmt` is "csv" or "xlsx"; `filename` without extension; `more`: extra XLSX sheets."""
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(header, rows, title, more), content_type=XLSX_TYPE)
    else:
        # A BOM lets spreadsheet software read the accents right.
        response = HttpResponse("\ufeff" + csv_text(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
