"""The national code lists (NOS value sets, "JDV") the ROR profiles bind, shipped as CSV
files in `data/nos/` (see its ATTRIBUTION.md). Read once, then kept in memory."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data" / "nos"

# Short name → file name (without .csv).
FILES = {
    "J16": "JDV_J16-ActeSpecifique-ROR",
    "J17": "JDV_J17-ActiviteOperationnelle-ROR",
    "J19": "JDV_J19-ModePriseEnCharge-ROR",
    "J20": "JDV_J20-ChampActivite-ROR",
    "J29": "JDV_J29-PublicPrisEnCharge-ROR",
    "J55": "JDV_J55-CategorieEG-ROR",
    "J203": "JDV_J203-TypeOrganisationInterne-ROR",
    "J222": "JDV_J222-NiveauConfidentialite-ROR",
    "J225": "JDV_J225-CanalCommunication-ROR",
    "J226": "JDV_J226-ModaliteAccueil-ROR",
    "J236": "JDV_J236-TypeIdentifiant-ROR",
    "J237": "JDV_J237-RegionOM-ROR",
    "J238": "JDV_J238-TypeOffre-ROR",
    "act-type": "act-type-ror-valueset",
}


@dataclass(frozen=True)
class Concept:
    system: str
    code: str
    display: str

    def coding(self) -> dict[str, str]:
        return {"system": self.system, "code": self.code, "display": self.display}


@dataclass(frozen=True)
class CodeList:
    name: str
    concepts: tuple[Concept, ...]

    @property
    def systems(self) -> set[str]:
        return {concept.system for concept in self.concepts}

    @cached_property
    def _by_code(self) -> dict[str, list[Concept]]:
        found: dict[str, list[Concept]] = {}
        for concept in self.concepts:
            found.setdefault(concept.code, []).append(concept)
        return found

    def get(self, code: str, system: str | None = None) -> Concept | None:
        """The first concept with this code (in this system, when given)."""
        for concept in self._by_code.get(code, ()):
            if system is None or concept.system == system:
                return concept
        return None

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.get(code) is not None

    def label(self, code: str) -> str:
        concept = self.get(code)
        return concept.display if concept else code


@cache
def code_list(name: str) -> CodeList:
    path = DATA_DIR / f"{FILES[name]}.csv"
    with path.open(encoding="utf-8", newline="") as file:
        lines = [line for line in file if not line.startswith("# ")]
    rows = csv.DictReader(lines)
    return CodeList(name, tuple(Concept(row["system"], row["code"], row["display"]) for row in rows))


def coding(name: str, code: str, system: str | None = None) -> dict[str, str]:
    """The `Coding` of `code` in the list `name` (KeyError if the list has no such code)."""
    concept = code_list(name).get(code, system)
    if concept is None:
        raise KeyError(f"{code} is not in {FILES[name]}")
    return concept.coding()


def concept(name: str, code: str, system: str | None = None) -> dict[str, list[dict[str, str]]]:
    """A CodeableConcept with the one national coding."""
    return {"coding": [coding(name, code, system)]}
