"""The public search: criteria and the one query behind the web pages, the JSON API and FHIR.

Ways in (the web form in annuaire/www/forms.py, the API parameters in annuaire/api/params.py,
FHIR search parameters) parse what they receive with the small functions below and
annuaire/geo/lookup.py, then call `make_criteria`; `apply_criteria` turns criteria into one
SQL query (docs/adr/0004-search-design.md, rules in docs/domain.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, FloatField
from django.utils import timezone

from annuaire.core.errors import InvalidValue
from annuaire.core.geodesy import Point, nearest
from annuaire.core.published import remembered
from annuaire.core.sql import RowSQL
from annuaire.directory.enums import Access, AgeGroup, Audience, CareSetting, Phase
from annuaire.directory.models import Offer, OfferQuerySet, Place
from annuaire.directory.search_sql import count as search_sql_count
from annuaire.directory.search_sql import counts_within as search_sql_counts_within
from annuaire.directory.search_sql import search_sql
from annuaire.geo.models import Commune, Departement
from annuaire.taxonomy.lookups import active_subcategories
from annuaire.taxonomy.models import Category, SubCategory

RADIUS_CHOICES = [5, 10, 20, 30, 50, 100]
MAX_RADIUS_KM = 500

# Multi-valued refinements: query parameter → (model field, vocabulary).
CHOICE_FILTERS: dict[str, tuple[str, Any]] = {
    "public": ("audiences", Audience),
    "age": ("age_groups", AgeGroup),
    "lieu": ("care_settings", CareSetting),
    "phase": ("phases", Phase),
    "acces": ("access", Access),
}
CHOICE_LABELS = {
    "public": "Pour qui",
    "age": "Âge",
    "lieu": "Où a lieu le soin",
    "phase": "Moment du parcours",
    "acces": "Conditions d'accès",
}


def default_radius_km() -> float:
    """The radius around a commune when none is given (settings.DEFAULT_RADIUS_KM)."""
    return float(settings.DEFAULT_RADIUS_KM)


def radius_choices() -> list[float]:
    """The radii a form offers: the usual ones and the default."""
    return sorted({*map(float, RADIUS_CHOICES), default_radius_km()})


def parse_radius(text: str) -> float | None:
    """A radius in km from "20", "12,5" or "20 km"; empty means none (the default applies)."""
    value = (text or "").strip().replace(",", ".").removesuffix("km").strip()
    if not value:
        return None
    try:
        radius = float(value)
    except ValueError:
        raise InvalidValue("La distance doit être un nombre de kilomètres, par exemple 20.", "invalid") from None
    if not 0 < radius <= MAX_RADIUS_KM:  # also refuses nan and inf
        raise InvalidValue(f"La distance doit être comprise entre 1 et {MAX_RADIUS_KM} km.", "out_of_range")
    return radius


def find_category(code: str, categories: dict[str, Category]) -> Category | None:
    """The active category with this code (`categories`: the active ones, by code)."""
    code = (code or "").strip()
    if not code:
        return None
    if code not in categories:
        raise InvalidValue(f"Type de soin inconnu : « {code[:60]} ».", "unknown")
    return categories[code]


def find_subcategories(codes: list[str]) -> list[SubCategory]:
    if not codes:
        return []
    found = active_subcategories()
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise InvalidValue(f"Soin inconnu : {', '.join(unknown)}.", "unknown")
    return [found[code] for code in codes]


def check_subcategories_in(category: Category | None, subcategories: list[SubCategory]) -> None:
    if category and any(s.category_id != category.pk for s in subcategories):
        raise InvalidValue("Ce soin ne fait pas partie du type de soin choisi.", "other_category")


@dataclass(frozen=True)
class SearchCriteria:
    category: Category | None = None
    subcategories: tuple[SubCategory, ...] = ()
    departement: Departement | None = None
    commune: Commune | None = None
    radius_km: float | None = None
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    parcours_global: bool = False
    free_only: bool = False
    open_today: bool = False
    text: str = ""

    @property
    def centre(self) -> Point | None:
        return self.commune.point if self.commune else None

    def key(self) -> tuple[Any, ...]:
        """The criteria as a hashable value, with today's date (closures are dated)."""
        return (
            self.category.pk if self.category else None,
            tuple(s.pk for s in self.subcategories),
            self.departement.pk if self.departement else None,
            self.commune.pk if self.commune else None,
            self.radius_km,
            tuple(sorted((name, tuple(codes)) for name, codes in self.choices.items())),
            self.parcours_global,
            self.free_only,
            self.open_today,
            self.text,
            timezone.localdate(),
        )

    def widened(self, **changes: Any) -> SearchCriteria:
        """The same search with some criteria changed (to suggest alternatives)."""
        return replace(self, **changes)


def make_criteria(*, commune: Commune | None = None, radius_km: float | None = None, **others: Any) -> SearchCriteria:
    """Criteria with the radius rule applied: around a commune, the default radius unless one is given;
    without a commune, no radius."""
    if commune is None:
        radius_km = None
    elif radius_km is None:
        radius_km = default_radius_km()
    return SearchCriteria(commune=commune, radius_km=radius_km, **others)


def apply_criteria(offers: OfferQuerySet, criteria: SearchCriteria) -> OfferQuerySet:
    """`offers` (public ones) narrowed to `criteria` (annuaire/directory/search_sql.py), with
    `closed_today`, and around a commune `distance_km`, sorted by distance, else by title."""
    search = search_sql(criteria, timezone.localdate())
    if search.conditions is not None:
        offers = offers.filter(RowSQL(search.conditions, BooleanField()))
    offers = offers.annotate(closed_today=RowSQL(search.closed_today, BooleanField()))
    if search.distance_km is None:
        return offers.order_by("title", "pk")
    offers = offers.annotate(distance_km=RowSQL(search.distance_km, FloatField()))
    return offers.order_by("distance_km", "title", "pk")


def count_found(criteria: SearchCriteria) -> int:
    """How many offers the search finds. A list without a commune (the whole directory, a
    category, a département: thousands of offers, asked page after page) is counted once
    until the public data change (`annuaire.core.published`); a search around a commune
    counts its few offers each time."""

    def counted() -> int:
        return search_sql_count(search_sql(criteria, timezone.localdate()))

    if criteria.commune is not None:
        return counted()
    return remembered("search-counts", criteria.key(), counted)


def counts_within(criteria: SearchCriteria, radii: list[float]) -> dict[float, int]:
    """How many offers the search around `criteria.commune` finds within each of `radii`, in
    one statement over the widest of them (`search_sql.counts_within`)."""
    if criteria.commune is None or not radii:
        return {}
    widest = search_sql(criteria.widened(radius_km=max(radii)), timezone.localdate())
    return dict(zip(radii, search_sql_counts_within(widest, radii), strict=True))


def nearest_place(offer: Offer, centre: Point | None) -> Place | None:
    """The place of `offer` closest to `centre` (its first place without a centre).

    Works on prefetched places (`with_result_relations`), so it costs no query.
    """
    return nearest(list(offer.places.all()), centre)


class SearchPaginator(Paginator):  # type: ignore[type-arg]
    """Django's paginator over a search (an `OfferQuerySet`), reading deep pages through
    `OfferQuerySet.window`: the same rows, without reading the thousands skipped."""

    def page(self, number: Any) -> Page:  # type: ignore[type-arg]
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        offers: OfferQuerySet = self.object_list  # type: ignore[assignment]
        return self._get_page(offers.window(bottom, top), number, self)  # type: ignore[attr-defined]
