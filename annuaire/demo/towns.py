"""Reference geography for the demo: communes with a position and a population.

`Towns.load` is the only database read of the generator's geography; picks are weighted by
population so that big towns get more structures, as in reality.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from itertools import accumulate

from annuaire.geo.models import Commune, PostalCode


@dataclass(frozen=True)
class Town:
    code: str
    name: str
    departement: str
    region: str
    lat: float
    lng: float
    population: int
    postal_code: str


class Towns:
    """Communes with a position, picked with a probability proportional to their population."""

    def __init__(self, towns: list[Town]) -> None:
        self.all = sorted(towns, key=lambda t: t.code)
        self.by_departement: dict[str, list[Town]] = defaultdict(list)
        self._by_name: dict[tuple[str, str], Town] = {}
        self._grid: dict[tuple[int, int], list[Town]] = defaultdict(list)
        for town in self.all:
            self.by_departement[town.departement].append(town)
            self._by_name.setdefault((town.departement, town.name), town)
            self._grid[self._cell(town.lat, town.lng)].append(town)
        self._pools: dict[int, tuple[list[Town], list[float]]] = {}

    @classmethod
    def load(cls, departements: tuple[str, ...] | None = None) -> Towns:
        communes = Commune.objects.filter(lat__isnull=False, lng__isnull=False)
        if departements:
            communes = communes.filter(departement_id__in=departements)
        # Paris, Lyon and Marseille are picked through their arrondissements.
        divided = set(communes.filter(kind=Commune.Kind.ARRONDISSEMENT).values_list("parent_id", flat=True))
        postal: dict[str, str] = {}
        for commune_id, code in PostalCode.objects.filter(commune__in=communes).values_list("commune_id", "code"):
            postal[commune_id] = min(code, postal.get(commune_id, code))
        rows = communes.values_list(
            "code", "name", "departement_id", "departement__region_id", "lat", "lng", "population"
        )
        return cls(
            [
                Town(code, name, dep, region, lat, lng, population, postal.get(code, ""))
                for code, name, dep, region, lat, lng, population in rows
                if code not in divided and lat is not None and lng is not None
            ]
        )

    @staticmethod
    def _cell(lat: float, lng: float) -> tuple[int, int]:
        return (math.floor(lat * 5), math.floor(lng * 5))  # about 20 km

    def named(self, departement: str, name: str) -> Town | None:
        return self._by_name.get((departement, name))

    def pick(self, rng: random.Random, min_population: int = 0) -> Town:
        if min_population not in self._pools:
            pool = [t for t in self.all if t.population >= min_population] or self.all
            self._pools[min_population] = (pool, list(accumulate(max(t.population, 1) for t in pool)))
        pool, cumulative = self._pools[min_population]
        return pool[bisect_left(cumulative, rng.random() * cumulative[-1])]

    def pick_in(self, rng: random.Random, departement: str) -> Town:
        pool = self.by_departement[departement]
        return rng.choices(pool, weights=[max(t.population, 1) for t in pool])[0]

    def near(self, rng: random.Random, town: Town) -> Town:
        """A commune within about 20-40 km, bigger ones more likely."""
        x, y = self._cell(town.lat, town.lng)
        pool = [t for dx in (-1, 0, 1) for dy in (-1, 0, 1) for t in self._grid.get((x + dx, y + dy), [])]
        return rng.choices(pool, weights=[max(t.population, 1) for t in pool])[0]

    def biggest(self, departement: str) -> Town:
        return max(self.by_departement[departement], key=lambda t: (t.population, t.code))
