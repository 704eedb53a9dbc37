"""One line of an import file: its cells turned into values per target, and its identity keys.

The importer parses every line first and writes nothing until the whole file is clean:
this module does the per-line half (cell values, the structure's identifier, communes,
the default place), `importer` the file-wide checks and the saving.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annuaire.core.text import normalize
from annuaire.imports.cells import CommuneFinder, RowError, cell_value
from annuaire.imports.template import COLUMNS, OFFER, PLACE, STRUCTURE, ImportColumn
from annuaire.taxonomy.models import Category, SubCategory


@dataclass
class ParsedRow:
    line: int
    cells: dict[str, str]
    values: dict[str, dict[str, Any]]  # target -> attr -> value (only columns present in the file)
    structure_key: str = ""
    offer_key: tuple[str, str, str] = ("", "", "")
    place_key: tuple[str, str] = ("", "")
    subcategories: list[SubCategory] = field(default_factory=list)


class RowParser:
    """Parses lines against the columns present in the file and the taxonomy read once."""

    def __init__(
        self,
        present: list[ImportColumn],
        *,
        categories: dict[str, Category],
        subcategories: dict[str, SubCategory],
    ) -> None:
        self.present = present
        self.categories, self.subcategories = categories, subcategories
        self.commune = CommuneFinder()

    def parse(self, line: int, cells: dict[str, str]) -> tuple[ParsedRow | None, list[str]]:
        """The parsed row, or None and the line's French error messages (in column order)."""
        row = ParsedRow(line, cells, {STRUCTURE: {}, OFFER: {}, PLACE: {}})
        errors: list[str] = []
        for column in self.present:
            raw = cells.get(column.name, "")
            if column.required and not raw:
                errors.append(f"la colonne « {column.name} » est vide (obligatoire)")
                continue
            if column.kind == "commune":
                continue  # resolved below, with the postal code
            try:
                row.values[column.target][column.attr] = cell_value(
                    column, raw, categories=self.categories, subcategories=self.subcategories
                )
            except RowError as error:
                errors.append(str(error))
        structure = row.values[STRUCTURE]
        identifier_error = any("SIRET" in e or "FINESS" in e for e in errors)
        if not structure.get("siret") and not structure.get("finess") and not identifier_error:
            errors.append("SIRET ou FINESS obligatoire pour identifier la structure")
        for target in (STRUCTURE, PLACE):
            raw = cells.get(f"{'structure' if target == STRUCTURE else 'lieu'}_commune", "")
            if not raw:
                continue
            try:
                row.values[target]["commune"] = self.commune(raw, row.values[target].get("postal_code", ""))
            except RowError as error:
                errors.append(str(error))
        self._default_place(row, errors)
        if errors:
            return None, errors
        offer = row.values[OFFER]
        row.subcategories = offer.pop("subcategories")
        siret, finess = structure.get("siret", ""), structure.get("finess", "")
        row.structure_key = f"siret:{siret}" if siret else f"finess:{finess}"
        row.offer_key = (row.structure_key, normalize(offer["title"]), offer["category"].code)
        place = row.values[PLACE]
        row.place_key = (normalize(place["name"]), place["commune"].code)
        return row, errors

    def _default_place(self, row: ParsedRow, errors: list[str]) -> None:
        """Without place columns, the offer is delivered at the structure's address."""
        place, structure = row.values[PLACE], row.values[STRUCTURE]
        described = any(row.cells.get(c.name) for c in COLUMNS if c.target == PLACE)
        if described and "commune" not in place:
            if not any("commune" in e for e in errors):
                errors.append("indiquez la commune du lieu (colonne « lieu_commune »)")
            return
        if not described:
            for attr in ("address_line", "address_complement", "postal_code", "commune"):
                if attr in structure:
                    place[attr] = structure[attr]
        if not place.get("name"):
            place["name"] = structure.get("name", "")
