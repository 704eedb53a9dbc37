"""Spreadsheet formula injection (CSV/XLSX): one definition of a formula-looking text.

A spreadsheet opening a CSV or XLSX runs a cell starting with = + - @ (or a tab or carriage
return before them) as a formula: `=HYPERLINK(...)` in a structure's name would become a
live link in a coordinator's spreadsheet. Exports neutralise such cells; inputs where they
make no sense (names, titles) refuse them.

Numbers, coordinates and phone numbers ("-4.486", "+33 2 98 00 00 00") start with a sign but
cannot hold a function call: they are left as they are.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"[+-][\d .,()/]*\Z")
FORMULA_REFUSED = (
    "Ce texte ne peut pas commencer par « = », « + », « - » ou « @ » : un tableur le prendrait pour une formule."
)


def looks_like_formula(value: str) -> bool:
    if not value.startswith(FORMULA_START):
        return False
    return not _SIGNED_NUMBER.match(value)


def neutralise(value: Any) -> Any:
    """The cell as a spreadsheet shows it as text: a formula-looking string gets a leading
    apostrophe (OWASP's advice); other values are unchanged."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def neutralise_row(values: list[Any]) -> list[Any]:
    return [neutralise(value) for value in values]
