"""The reference files of the geography (data/*.csv, INSEE): read by load_geo and by the
API's description of its parameters."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def departement_codes() -> tuple[str, ...]:
    """Every INSEE département code, in file order ("01" ... "2A", "2B" ... "976")."""
    return tuple(row["insee_dep"] for row in read_csv("departements.csv"))
