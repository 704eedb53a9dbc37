"""The facts of a list of search results as flat rows, without model instances.

A result card shows a dozen values of an offer, of its structure and of its place nearest
to the searched commune. Reading them as `values()` rows, the page's offers in the search
query itself and their places in one more query, costs a fraction of building models and
prefetching their relations (docs/adr/0035). The rules (phone, cost label, nearest place,
what is free, the offer's address) are the model's, shared through plain functions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from annuaire.core.geodesy import Point, nearest
from annuaire.directory.models import Offer, OfferQuerySet
from annuaire.directory.models.offer import FREE_FOR_PATIENT, offer_phone, offer_url, short_cost_label
from annuaire.directory.search import counted_as
from annuaire.taxonomy.models import CareKind

ROW_FIELDS = (
    "pk",
    "title",
    "contact_phone",
    "cost",
    "cost_amount",
    "last_verified_at",
    "structure__name",
    "structure__phone",
    "psnc",  # `Offer.is_non_conventional`, as an annotation
)
# Annotations of `OfferQuerySet.search` a row carries when the search made them.
SEARCH_ANNOTATIONS = ("distance_km", "closed_today")


@dataclass(frozen=True)
class PlaceRow:
    pk: int
    lat: float | None
    lng: float | None
    phone: str
    commune_name: str


@dataclass
class ResultRow:
    """An offer as a result list shows it."""

    pk: int
    title: str
    contact_phone: str
    cost: str
    cost_amount: Decimal | None
    last_verified_at: date | None
    structure_name: str
    structure_phone: str
    is_non_conventional: bool
    distance_km: float | None = None
    closed_today: bool = False
    places: list[PlaceRow] = field(default_factory=list)  # by id, as `with_result_relations` gives them

    @property
    def url(self) -> str:
        return offer_url(self.pk, self.title)

    @property
    def is_free_for_patient(self) -> bool:
        return self.cost in FREE_FOR_PATIENT

    @property
    def cost_label_short(self) -> str:
        return short_cost_label(self.cost, self.cost_amount)

    def nearest_place(self, centre: Point | None) -> PlaceRow | None:
        """As `annuaire.directory.search.nearest_place` for a model."""
        return nearest(self.places, centre)

    def phone_for(self, place: PlaceRow | None) -> str:
        return offer_phone(self.contact_phone, place.phone if place else "", self.structure_phone)


def as_result_rows(offers: OfferQuerySet) -> QuerySet[Offer, dict[str, Any]]:
    """`offers` (a search, ordered) as dicts of ROW_FIELDS and the search's annotations:
    one row per offer, read by the page's own query. Paginate it, then `result_rows`."""
    psnc = Offer.subcategories.through.objects.filter(offer_id=OuterRef("pk"), subcategory__kind=CareKind.PSNC)
    annotations = [name for name in SEARCH_ANNOTATIONS if name in offers.query.annotations]
    rows = offers.annotate(psnc=Exists(psnc)).values(*ROW_FIELDS, *annotations)
    return counted_as(rows, offers)  # type: ignore[no-any-return]


def result_rows(rows: list[dict[str, Any]]) -> list[ResultRow]:
    """The rows of `as_result_rows`, in order, each with its places (one query)."""
    places: dict[int, list[PlaceRow]] = defaultdict(list)
    if rows:
        links = (
            Offer.places.through.objects.filter(offer_id__in=[row["pk"] for row in rows])
            .order_by("place_id")
            .values_list("offer_id", "place_id", "place__lat", "place__lng", "place__phone", "place__commune__name")
        )
        for offer_id, place_id, lat, lng, phone, commune_name in links:
            places[offer_id].append(PlaceRow(place_id, lat, lng, phone, commune_name))
    return [
        ResultRow(
            pk=row["pk"],
            title=row["title"],
            contact_phone=row["contact_phone"],
            cost=row["cost"],
            cost_amount=row["cost_amount"],
            last_verified_at=row["last_verified_at"],
            structure_name=row["structure__name"],
            structure_phone=row["structure__phone"],
            is_non_conventional=row["psnc"],
            distance_km=row.get("distance_km"),
            closed_today=bool(row.get("closed_today", False)),
            places=places[row["pk"]],
        )
        for row in rows
    ]
