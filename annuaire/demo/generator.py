"""Build demo structures, places and offers in memory, from a seeded `random.Random`.

Nothing here touches the database except `Towns.load` and the taxonomy read by
`DemoGenerator.from_database`: `writer.save` inserts what the generator returns.
The same seed and the same reference data always give the same rows (names, uuids).

This module runs the whole: `plans` decides which structures and where, `structures` and
`offers` build the rows, `fiction` draws the made-up values, all from one shared `rng`
(the draws' order is what keeps the output stable).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from annuaire.demo.fiction import DEMO_DOMAIN, Fiction
from annuaire.demo.offers import OfferMaker
from annuaire.demo.plans import KIND_SHARES, Plan, Planner
from annuaire.demo.structures import StructureMaker
from annuaire.demo.towns import Town, Towns
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, Place, Structure
from annuaire.taxonomy.models import SubCategory

__all__ = ["BRITTANY", "DEMO_DOMAIN", "DemoData", "DemoGenerator", "Town", "Towns"]

BRITTANY = ("22", "29", "35", "56")


@dataclass
class DemoData:
    structures: list[Structure] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    offer_places: list[tuple[Offer, Place]] = field(default_factory=list)
    offer_subcategories: list[tuple[Offer, SubCategory]] = field(default_factory=list)
    # The status each row is to get from the publication module, and since when.
    structure_statuses: list[str] = field(default_factory=list)
    structure_moments: list[datetime] = field(default_factory=list)
    offer_statuses: list[str] = field(default_factory=list)
    offer_moments: list[datetime] = field(default_factory=list)


class DemoGenerator:
    def __init__(
        self,
        towns: Towns,
        departement_names: dict[str, str],
        subcategories: list[SubCategory],
        *,
        seed: int,
        scope: str,
        today: date,
    ) -> None:
        self.towns = towns
        self.departement_names = departement_names
        self.subcategories = sorted(subcategories, key=lambda s: s.code)
        self.fiction = Fiction(seed=seed, scope=scope, today=today)
        self.rng: random.Random = self.fiction.rng
        self.seed, self.scope, self.today = seed, scope, today
        self.data = DemoData()
        self.planner = Planner(self.rng, towns, departement_names)
        self.structure_maker = StructureMaker(self.fiction, towns)
        self.offer_maker = OfferMaker(self.fiction, self.subcategories)

    @classmethod
    def from_database(cls, departements: tuple[str, ...] | None, *, seed: int, scope: str) -> DemoGenerator:
        from annuaire.geo.models import Departement

        towns = Towns.load(departements)
        subcategories = list(SubCategory.objects.active().select_related("category"))
        departement_names = dict(Departement.objects.values_list("code", "name"))
        return cls(towns, departement_names, subcategories, seed=seed, scope=scope, today=timezone.localdate())

    @property
    def invent_big_establishments(self) -> bool:
        """Whether CHU and cancer centres are named after big towns (not in the region: real ones)."""
        return self.planner.invent_big_establishments

    @invent_big_establishments.setter
    def invent_big_establishments(self, value: bool) -> None:
        self.planner.invent_big_establishments = value

    def region(self, structure_count: int, departements: tuple[str, ...] = BRITTANY) -> DemoData:
        for index, plan in enumerate(self.planner.region(structure_count, departements)):
            self._structure(index, plan)
        return self.data

    def national(self, offer_count: int) -> DemoData:
        """Structures all over France until `offer_count` offers exist (for benchmarks)."""
        index = 0
        for dep in sorted(self.towns.by_departement):
            self._structure(index, self.planner.ligue(dep))
            index += 1
        kinds = [kind for kind, _share in KIND_SHARES]
        weights = [share for _kind, share in KIND_SHARES]
        while len(self.data.offers) < offer_count:
            self._structure(index, self.planner.plan(self.rng.choices(kinds, weights)[0]))
            index += 1
        self._truncate_offers(offer_count)
        return self.data

    def _structure(self, index: int, plan: Plan) -> None:
        structure, places, status, moment = self.structure_maker.structure(index, plan)
        self.data.structures.append(structure)
        self.data.structure_statuses.append(status)
        self.data.structure_moments.append(moment)
        self.data.places += places
        for offer, where, subs, offer_status, offer_moment in self.offer_maker.offers(
            index, structure, status, plan, places
        ):
            self.data.offers.append(offer)
            self.data.offer_statuses.append(offer_status)
            # Offers delisted with their structure leave at the same moment (the yearly cycle).
            self.data.offer_moments.append(moment if offer_status == PublicationStatus.DELISTED else offer_moment)
            self.data.offer_places += [(offer, place) for place in where]
            self.data.offer_subcategories += [(offer, sub) for sub in subs]

    def _truncate_offers(self, offer_count: int) -> None:
        extra = set(map(id, self.data.offers[offer_count:]))
        del self.data.offers[offer_count:]
        del self.data.offer_statuses[offer_count:]
        del self.data.offer_moments[offer_count:]
        self.data.offer_places = [(o, p) for o, p in self.data.offer_places if id(o) not in extra]
        self.data.offer_subcategories = [(o, s) for o, s in self.data.offer_subcategories if id(o) not in extra]
