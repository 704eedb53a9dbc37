"""Coverage gaps: how far each commune is from the nearest in-person published offer.

Offer positions are loaded once per kind of care (one query for all categories), then
every commune's nearest offer is found with a KD-tree on 3D unit vectors (scipy's
cKDTree): a chord in the unit sphere maps exactly to a great-circle distance, so the
nearest by chord is the nearest by distance. Every commune of France × 13 categories
takes a few seconds (docs/benchmarks.md, docs/adr/0020-coverage-with-a-kd-tree.md).
Remote-only offers do not count: nobody can go to them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from annuaire.core.geodesy import EARTH_RADIUS_KM
from annuaire.directory.models import Offer
from annuaire.geo.models import Commune
from annuaire.insight.models import CoverageDistance
from annuaire.insight.territory import Territory
from annuaire.taxonomy.models import Category, SubCategory

if TYPE_CHECKING:
    import numpy as np

# numpy and scipy (~40 MB per process) are imported by the functions that compute, not at
# start-up: a web worker that never computes coverage never loads them (docs/benchmarks.md).

DEFAULT_KM = 20.0


@dataclass(frozen=True)
class CommuneDistance:
    code: str
    name: str
    departement: str
    population: int
    lat: float
    lng: float
    distance_km: float | None  # None: no in-person offer of this kind anywhere

    def beyond(self, km: float) -> bool:
        return self.distance_km is None or self.distance_km > km


@dataclass
class CoverageReport:
    """The communes of a territory and their distance to the nearest offer of one kind of care."""

    category: Category
    km: float
    communes: list[CommuneDistance]
    subcategory: SubCategory | None = None
    computed_at: datetime | None = None
    gaps: list[CommuneDistance] = field(init=False)

    def __post_init__(self) -> None:
        self.gaps = sorted(
            (c for c in self.communes if c.beyond(self.km)), key=lambda c: (-c.population, c.name, c.code)
        )

    @property
    def kind_label(self) -> str:
        return self.subcategory.label if self.subcategory else self.category.label

    @property
    def population(self) -> int:
        return sum(c.population for c in self.communes)

    @property
    def population_within(self) -> int:
        return self.population - sum(c.population for c in self.gaps)

    @property
    def share_within(self) -> float:
        """Share of the population living within `km` of an offer (0 to 1)."""
        return self.population_within / self.population if self.population else 0.0


def communes_of(territory: Territory) -> list[CommuneDistance]:
    """Communes with a position (arrondissements left out: their city counts once), distance unknown."""
    communes = Commune.objects.filter(
        territory.commune_q(), kind=Commune.Kind.COMMUNE, lat__isnull=False, lng__isnull=False
    )
    rows = communes.order_by("code").values_list("code", "name", "departement_id", "population", "lat", "lng")
    return [
        CommuneDistance(code, name, dep, pop, lat, lng, None)
        for code, name, dep, pop, lat, lng in rows
        if lat is not None and lng is not None
    ]


def offer_positions(subcategory: SubCategory | None = None) -> dict[int, list[tuple[float, float]]]:
    """Positions of the places of published in-person offers, by category id (one query)."""
    offers = Offer.objects.published().in_person()
    if subcategory is not None:
        offers = offers.filter(subcategories=subcategory)
    links = (
        Offer.places.through.objects.filter(
            offer__in=offers.values("pk"), place__lat__isnull=False, place__lng__isnull=False
        )
        .values_list("offer__category_id", "place__lat", "place__lng")
        .distinct()
    )
    positions: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for category_id, lat, lng in links:
        if lat is not None and lng is not None:
            positions[category_id].append((lat, lng))
    return positions


def _unit_vectors(points: Sequence[tuple[float, float]]) -> np.ndarray:
    import numpy as np

    radians = np.radians(np.asarray(points, dtype=float).reshape(-1, 2))
    lat, lng = radians[:, 0], radians[:, 1]
    return np.column_stack((np.cos(lat) * np.cos(lng), np.cos(lat) * np.sin(lng), np.sin(lat)))


def nearest_km(origins: Sequence[tuple[float, float]], targets: Sequence[tuple[float, float]]) -> list[float | None]:
    """For each origin (lat, lng), the great-circle distance in km to the nearest target."""
    if not origins:
        return []
    if not targets:
        return [None] * len(origins)
    import numpy as np
    from scipy.spatial import cKDTree

    chords, _ = cKDTree(_unit_vectors(targets)).query(_unit_vectors(origins), k=1)
    distances = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.asarray(chords) / 2))
    return [float(d) for d in distances]


def with_distances(communes: list[CommuneDistance], targets: Sequence[tuple[float, float]]) -> list[CommuneDistance]:
    distances = nearest_km([(c.lat, c.lng) for c in communes], targets)
    return [
        CommuneDistance(c.code, c.name, c.departement, c.population, c.lat, c.lng, d)
        for c, d in zip(communes, distances, strict=True)
    ]


def compute(
    categories: Iterable[Category], territory: Territory, km: float = DEFAULT_KM, subcategory: SubCategory | None = None
) -> list[CoverageReport]:
    """One report per category (or the one of `subcategory`), computed now from the directory."""
    communes = communes_of(territory)
    positions = offer_positions(subcategory)
    now = timezone.now()
    if subcategory is not None:
        categories = [subcategory.category]
    return [
        CoverageReport(category, km, with_distances(communes, positions.get(category.pk, [])), subcategory, now)
        for category in categories
    ]


def store(territory: Territory, categories: Iterable[Category]) -> int:
    """Replace the stored distances of the territory's communes (what the screens read); rows written."""
    reports = compute(categories, territory)
    now = timezone.now()
    rows = []
    for report in reports:
        rows += [
            CoverageDistance(commune_id=c.code, category=report.category, distance_km=c.distance_km, computed_at=now)
            for c in report.communes
        ]
    with transaction.atomic():
        CoverageDistance.objects.filter(
            territory.commune_q("commune__"), category__in=[r.category for r in reports]
        ).delete()
        CoverageDistance.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def stored(category: Category, territory: Territory, km: float = DEFAULT_KM) -> CoverageReport | None:
    """The report as refreshed last night, or None if it was never computed for this category."""
    rows = CoverageDistance.objects.filter(
        territory.commune_q("commune__"), category=category, commune__kind=Commune.Kind.COMMUNE
    )
    values = list(
        rows.order_by("commune_id").values_list(
            "commune_id",
            "commune__name",
            "commune__departement_id",
            "commune__population",
            "commune__lat",
            "commune__lng",
            "distance_km",
            "computed_at",
        )
    )
    if not values:
        return None
    communes = [
        CommuneDistance(code, name, dep, pop, lat, lng, distance)
        for code, name, dep, pop, lat, lng, distance, _at in values
        if lat is not None and lng is not None
    ]
    return CoverageReport(category, km, communes, computed_at=min(row[7] for row in values))


def report_for(
    category: Category, territory: Territory, km: float = DEFAULT_KM, subcategory: SubCategory | None = None
) -> CoverageReport:
    """What the screens show: last night's distances, or computed now (a sub-category, or never stored)."""
    if subcategory is None:
        report = stored(category, territory, km)
        if report is not None:
            return report
    return compute([category], territory, km, subcategory)[0]


GAP_HEADER = ["code_insee", "commune", "departement", "population", "categorie", "sous_categorie", "distance_km"]


def gap_rows(reports: list[CoverageReport]) -> list[list[Any]]:
    """One row per commune beyond the distance: what the command prints and the screens download."""
    return [
        [
            c.code,
            c.name,
            c.departement,
            c.population,
            r.category.code,
            r.subcategory.code if r.subcategory else "",
            "" if c.distance_km is None else round(c.distance_km, 1),
        ]
        for r in reports
        for c in r.gaps
    ]
