"""The yearly figures of the directory for a territory: offers and structures by kind of
care × département, by kind of structure, freshness, cost, appointment delay, and their
changes month by month (from `MonthlySnapshot`).

A constant number of queries whatever the number of offers: rows are counted in Python.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from annuaire.directory.enums import Cost, StructureKind
from annuaire.directory.models import Offer, Place
from annuaire.geo.models import Departement
from annuaire.insight.models import MonthlySnapshot
from annuaire.insight.territory import Territory
from annuaire.taxonomy.models import Category

VERIFIED_WITHIN_DAYS = 365


@dataclass(frozen=True)
class CategoryRow:
    category: Category
    offers: int
    structures: int
    by_departement: list[int]  # offers, in the order of YearlyFigures.departements
    structures_by_departement: list[int]
    median_delay_days: float | None


@dataclass(frozen=True)
class CountRow:
    label: str
    offers: int
    structures: int = 0


@dataclass
class YearlyFigures:
    territory: Territory
    today: date
    departements: list[Departement]
    offers: int = 0
    structures: int = 0
    verified_offers: int = 0
    median_delay_days: float | None = None
    by_category: list[CategoryRow] = field(default_factory=list)
    by_kind: list[CountRow] = field(default_factory=list)
    by_cost: list[CountRow] = field(default_factory=list)
    months: list[MonthlySnapshot] = field(default_factory=list)

    @property
    def verified_share(self) -> float:
        """Share of the offers verified in the last 12 months (0 to 1)."""
        return self.verified_offers / self.offers if self.offers else 0.0

    def snapshot(self) -> dict[str, Any]:
        """What a monthly snapshot keeps (JSON)."""
        return {
            "territory": self.territory.label,
            "offers": self.offers,
            "structures": self.structures,
            "verified_offers": self.verified_offers,
            "by_category": {row.category.code: row.offers for row in self.by_category},
        }


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def compute(territory: Territory, today: date | None = None) -> YearlyFigures:
    """The figures of the published offers delivered in `territory`."""
    today = today or timezone.localdate()
    departements = list(Departement.objects.filter(territory.departement_q()))
    dep_index = {d.code: i for i, d in enumerate(departements)}
    # Places of the territory first (an uncorrelated IN lets the database start from them),
    # then their offers; only the published ones are kept.
    places = Place.objects.filter(territory.commune_q("commune__")).values("pk")
    links = Offer.places.through.objects.filter(place__in=places)
    offer_departements: dict[int, set[str]] = defaultdict(set)
    for offer_id, departement in links.values_list("offer_id", "place__commune__departement_id").distinct():
        offer_departements[offer_id].add(departement)
    published = Offer.objects.published()
    if not territory.is_everywhere:
        published = published.filter(pk__in=list(offer_departements))
    offers = [
        o
        for o in published.values_list(
            "pk", "category_id", "structure_id", "structure__kind", "cost", "appointment_delay_days", "last_verified_at"
        )
        if o[0] in offer_departements  # delivered somewhere in the territory
    ]
    figures = YearlyFigures(territory, today, departements)
    figures.offers = len(offers)
    figures.structures = len({o[2] for o in offers})
    since = today - timedelta(days=VERIFIED_WITHIN_DAYS)
    figures.verified_offers = sum(1 for o in offers if o[6] is not None and o[6] >= since)
    figures.median_delay_days = _median([o[5] for o in offers if o[5] is not None])

    by_category: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for o in offers:
        by_category[o[1]].append(o)
    for category in Category.objects.active():
        rows = by_category.get(category.pk, [])
        per_dep = [0] * len(departements)
        structures_per_dep: list[set[int]] = [set() for _ in departements]
        for o in rows:
            for code in offer_departements[o[0]]:
                if code in dep_index:
                    per_dep[dep_index[code]] += 1
                    structures_per_dep[dep_index[code]].add(o[2])
        figures.by_category.append(
            CategoryRow(
                category,
                len(rows),
                len({o[2] for o in rows}),
                per_dep,
                [len(ids) for ids in structures_per_dep],
                _median([o[5] for o in rows if o[5] is not None]),
            )
        )
    kinds = Counter(o[3] for o in offers)
    kind_structures = Counter(kind for _, kind in {(o[2], o[3]) for o in offers})
    figures.by_kind = [
        CountRow(str(label), kinds[value], kind_structures[value]) for value, label in StructureKind.choices
    ]
    costs = Counter(o[4] for o in offers)
    figures.by_cost = [CountRow(str(label), costs[value]) for value, label in Cost.choices]
    year_ago = date(today.year - 1, today.month, 1)
    figures.months = list(MonthlySnapshot.objects.filter(month__gte=year_ago, month__lte=today).order_by("month"))
    return figures


def take_snapshot(territory: Territory, today: date | None = None) -> MonthlySnapshot:
    """Record this month's figures of the instance's territory (idempotent: re-running in the
    same month replaces them)."""
    today = today or timezone.localdate()
    figures = compute(territory, today)
    with transaction.atomic():
        snapshot, _ = MonthlySnapshot.objects.update_or_create(
            month=today.replace(day=1), defaults={"figures": figures.snapshot(), "computed_at": timezone.now()}
        )
    return snapshot


CATEGORY_HEADER = ["categorie", "libelle", "offres", "structures", "delai_median_jours"]


def table_rows(figures: YearlyFigures) -> tuple[list[str], list[list[Any]]]:
    """The category × département table, for the CSV/XLSX download."""
    header = [
        *CATEGORY_HEADER,
        *(f"offres_{d.code}" for d in figures.departements),
        *(f"structures_{d.code}" for d in figures.departements),
    ]
    rows = [
        [
            r.category.code,
            r.category.label,
            r.offers,
            r.structures,
            r.median_delay_days,
            *r.by_departement,
            *r.structures_by_departement,
        ]
        for r in figures.by_category
    ]
    return header, rows


def other_tables(figures: YearlyFigures) -> list[tuple[str, list[str], list[list[Any]]]]:
    """The other sheets of the XLSX download: by kind of structure, by cost, by month."""
    return [
        (
            "Par type de structure",
            ["type_structure", "structures", "offres"],
            [[r.label, r.structures, r.offers] for r in figures.by_kind],
        ),
        ("Par coût", ["cout", "offres"], [[r.label, r.offers] for r in figures.by_cost]),
        (
            "Par mois",
            ["mois", "offres", "structures"],
            [
                [s.month.strftime("%Y-%m"), s.figures.get("offers", 0), s.figures.get("structures", 0)]
                for s in figures.months
            ],
        ),
        (
            "Synthèse",
            ["indicateur", "valeur"],
            [
                ["offres publiées", figures.offers],
                ["structures", figures.structures],
                ["offres vérifiées depuis moins de 12 mois", figures.verified_offers],
                ["délai médian de rendez-vous (jours)", figures.median_delay_days],
            ],
        ),
    ]
