"""Which demo structures, where, and under which name: the plans the generator turns into rows.

Names must be believable, unique and invented (establishments in names.py, one charity
committee per département, pattern-built names for the others); this module keeps that bookkeeping.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

from annuaire.demo import names
from annuaire.demo.towns import Town, Towns
from annuaire.directory.enums import StructureKind

LIGUE_SEATS = {"22": "Saint-Brieuc", "29": "Quimper", "35": "Rennes", "56": "Vannes"}

# Share of each kind of structure (docs/domain.md, "Qui est listé"), Ligue committees apart (one per département).
KIND_SHARES: tuple[tuple[str, float], ...] = (
    (StructureKind.ETABLISSEMENT_SANTE, 0.15),
    (StructureKind.HAD, 0.05),
    (StructureKind.ASSOCIATION, 0.35),
    (StructureKind.MSP, 0.16),
    (StructureKind.POLE_SANTE, 0.04),
    (StructureKind.CPTS, 0.10),
    (StructureKind.AAP_PARCOURS, 0.10),
)


@dataclass
class Plan:
    kind: str
    town: Town
    name: str
    big: bool = False
    sites: tuple[str, ...] = ()
    published: bool | None = None  # None: drawn at random


class Planner:
    """Draws plans from the shared `rng`; remembers the names already given."""

    def __init__(self, rng: random.Random, towns: Towns, departement_names: dict[str, str]) -> None:
        self.rng, self.towns, self.departement_names = rng, towns, departement_names
        self.invent_big_establishments = True  # CHU and cancer centres named after big towns
        self._used_names: set[str] = set()
        self._association_uses: dict[str, int] = defaultdict(int)

    def region(self, structure_count: int, departements: tuple[str, ...]) -> list[Plan]:
        """One charity committee per département, the named establishments, then the other kinds by share."""
        self.invent_big_establishments = False  # the big ones are named in names.py
        plans = [self.ligue(dep) for dep in departements if self.towns.by_departement.get(dep)]
        quotas = {kind: round(share * structure_count) for kind, share in KIND_SHARES}
        named = [n for n in names.BRITTANY_ESTABLISHMENTS if self.towns.named(n.departement, n.commune)]
        for known in named[: quotas[StructureKind.ETABLISSEMENT_SANTE]]:
            town = self.towns.named(known.departement, known.commune)
            assert town is not None
            self._used_names.add(known.name)
            plans.append(Plan(known.kind, town, known.name, known.big, known.sites, published=True))
        kinds: list[str] = []
        for kind, quota in quotas.items():
            already = sum(1 for p in plans if p.kind in (kind, StructureKind.CENTRE_LUTTE_CANCER))
            if kind == StructureKind.ETABLISSEMENT_SANTE:
                quota -= already
            kinds += [kind] * max(quota, 0)
        kinds = kinds[: max(structure_count - len(plans), 0)]
        kinds += [StructureKind.ASSOCIATION] * (structure_count - len(plans) - len(kinds))
        self.rng.shuffle(kinds)
        plans += [self.plan(kind) for kind in kinds]
        return plans

    def ligue(self, dep: str) -> Plan:
        town = self.towns.named(dep, LIGUE_SEATS.get(dep, "")) or self.towns.biggest(dep)
        name = names.LIGUE_PATTERN.format(of_departement=names.of_departement(self.departement_names.get(dep, dep)))
        self._used_names.add(name)
        return Plan(StructureKind.LIGUE, town, name, published=True)

    def plan(self, kind: str) -> Plan:
        rng = self.rng
        min_populations: dict[str, int] = {
            StructureKind.ETABLISSEMENT_SANTE: 6000,
            StructureKind.HAD: 3000,
            StructureKind.CPTS: 2000,
            StructureKind.AAP_PARCOURS: 2000,
        }
        min_population = min_populations.get(kind, 0)
        for _attempt in range(8):
            town = self.towns.pick(rng, min_population)
            big = False
            if (
                kind == StructureKind.ETABLISSEMENT_SANTE
                and self.invent_big_establishments
                and town.population > 150_000
                and rng.random() < 0.15
            ):
                kind, big = StructureKind.CENTRE_LUTTE_CANCER, True
            pattern = self._pattern(kind, town)
            pays = self._pays(town) if "{pays}" in pattern else None
            if pays is not None:
                pays_name, town = pays
            else:
                pays_name = f"du Pays {names.of_commune(town.name)}"
            values = {
                "commune": town.name,
                "of_commune": names.of_commune(town.name),
                "pays": pays_name,
                "dep_number": town.departement,
                "saint": rng.choice(names.SAINTS),
                "name": "",
            }
            if kind == StructureKind.ASSOCIATION:
                base = rng.choice(names.ASSOCIATION_NAMES)
                values["name"] = base
                pattern = pattern if self._association_uses[base] else "{name}"
            name = pattern.format(**values)
            if name not in self._used_names:
                if kind == StructureKind.ASSOCIATION:
                    self._association_uses[values["name"]] += 1
                break
        else:
            name = f"{name} – {sum(1 for n in self._used_names if n.startswith(name)) + 1}"
        self._used_names.add(name)
        return Plan(kind, town, name, big=big or (kind == StructureKind.ETABLISSEMENT_SANTE and "CHU" in name))

    def _pattern(self, kind: str, town: Town) -> str:
        all_patterns: dict[str, tuple[str, ...]] = {
            StructureKind.ETABLISSEMENT_SANTE: names.ESTABLISHMENT_PATTERNS,
            StructureKind.CENTRE_LUTTE_CANCER: names.CANCER_CENTRE_PATTERNS,
            StructureKind.HAD: names.HAD_PATTERNS,
            StructureKind.ASSOCIATION: names.ASSOCIATION_PATTERNS,
            StructureKind.MSP: names.MSP_PATTERNS,
            StructureKind.POLE_SANTE: names.POLE_PATTERNS,
            StructureKind.CPTS: names.CPTS_PATTERNS,
            StructureKind.AAP_PARCOURS: names.AAP_PATTERNS,
        }
        patterns = all_patterns[kind]
        if (
            kind == StructureKind.ETABLISSEMENT_SANTE
            and self.invent_big_establishments
            and town.population > 150_000
            and self.rng.random() < 0.3
        ):
            return "Centre hospitalier universitaire {of_commune}"
        return self.rng.choice(patterns)

    def _pays(self, town: Town) -> tuple[str, Town] | None:
        """A Breton "pays" of the same département and its main commune, when known."""
        known = names.BRITTANY_PAYS.get(town.departement)
        if not known:
            return None
        label, commune_name = self.rng.choice(known)
        main = self.towns.named(town.departement, commune_name)
        return (f"du Pays {label}", main) if main else None
