"""Offers as the API shows them, read as plain rows (docs/adr/0037).

A search page reads its offers with `.values()`, each with its sub-categories and places, in one
query (`directory.result_links`, docs/adr/0046), without building and prefetching a few
hundred model instances. The detail view builds the same row from its model
(`OfferRow.of`); tests/api/test_offer_representation.py holds both to the same JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from annuaire.core.geodesy import Point, nearest
from annuaire.directory.models import Offer, OfferQuerySet, Place, cost_label
from annuaire.directory.result_links import read_page


@dataclass(frozen=True)
class PlaceRow:
    pk: int
    name: str
    address_line: str
    address_complement: str
    postal_code: str
    commune_code: str
    commune_name: str
    departement_code: str
    lat: float | None
    lng: float | None
    phone: str
    updated_at: datetime

    @classmethod
    def of(cls, place: Place) -> PlaceRow:
        return cls(
            **{name: getattr(place, name) for name in _PLACE_FIELDS[:5]},
            commune_code=place.commune.code,
            commune_name=place.commune.name,
            departement_code=place.commune.departement_id,
            **{name: getattr(place, name) for name in _PLACE_FIELDS[-4:]},
        )


@dataclass(frozen=True)
class OfferRow:
    pk: int
    uuid: str
    title: str
    category_code: str
    subcategory_codes: Sequence[str]  # in the taxonomy's order
    structure_pk: int
    structure_name: str
    structure_kind: str
    structure_phone: str
    structure_updated_at: datetime
    places: Sequence[PlaceRow]  # by id
    distance_km: float | None
    description: str
    audiences: Sequence[str]
    age_groups: Sequence[str]
    care_settings: Sequence[str]
    phases: Sequence[str]
    access: Sequence[str]
    formats: Sequence[str]
    modalities: Sequence[str]
    parcours_global: bool
    cost: str
    cost_label: str
    cost_amount: Decimal | None
    cost_details: str
    how_to_access: str
    appointment_delay_days: int | None
    schedule: str
    contact_phone: str
    contact_email: str
    last_verified_at: date | None
    updated_at: datetime

    @classmethod
    def of(cls, offer: Offer) -> OfferRow:
        """The row of an offer read with its relations (`with_result_relations`)."""
        structure = offer.structure
        return cls(
            **{name: getattr(offer, name) for name in _OWN_FIELDS},
            pk=offer.pk,
            uuid=str(offer.uuid),
            category_code=offer.category.code,
            subcategory_codes=tuple(sub.code for sub in offer.subcategories.all()),
            structure_pk=structure.pk,
            structure_name=structure.name,
            structure_kind=structure.kind,
            structure_phone=structure.phone,
            structure_updated_at=structure.updated_at,
            places=tuple(PlaceRow.of(place) for place in offer.places.all()),
            distance_km=getattr(offer, "distance_km", None),
            cost_label=offer.cost_label,
        )

    def nearest_place(self, centre: Point | None) -> PlaceRow | None:
        """The place closest to `centre` (the domain's rule, `annuaire.core.geodesy.nearest`)."""
        return nearest(self.places, centre)


_OWN_FIELDS = (
    "title", "description", "audiences", "age_groups", "care_settings", "phases", "access", "formats", "modalities",
    "parcours_global", "cost", "cost_amount", "cost_details", "how_to_access", "appointment_delay_days", "schedule",
    "contact_phone", "contact_email", "last_verified_at", "updated_at",
)  # fmt: skip
_STRUCTURE_FIELDS = ("pk", "name", "kind", "phone", "updated_at")
_PLACE_FIELDS = (
    "pk", "name", "address_line", "address_complement", "postal_code", "commune__code", "commune__name",
    "commune__departement_id", "lat", "lng", "phone", "updated_at",
)  # fmt: skip


def offer_rows(offers: OfferQuerySet, distances: bool = False) -> list[OfferRow]:
    """The rows of `offers` (already sliced, in order), in one query; `distances`: the
    queryset carries the `distance_km` annotation of a search around a commune."""
    columns = ["uuid", "category__code", *_OWN_FIELDS, *(f"structure__{name}" for name in _STRUCTURE_FIELDS)]
    page = read_page(offers, [*columns, "distance_km"] if distances else columns, _PLACE_FIELDS)
    return [
        _row(
            row,
            row["category__code"],
            [sub.code for sub in page.subcategories[row["pk"]]],
            [PlaceRow(*place) for place in page.places[row["pk"]]],
        )
        for row in page.offers
    ]


def _row(row: dict[str, Any], category_code: str, subcategory_codes: list[str], places: list[PlaceRow]) -> OfferRow:
    return OfferRow(
        **{name: row[name] for name in _OWN_FIELDS},
        pk=row["pk"],
        uuid=str(row["uuid"]),
        category_code=category_code,
        subcategory_codes=tuple(subcategory_codes),
        structure_pk=row["structure__pk"],
        structure_name=row["structure__name"],
        structure_kind=row["structure__kind"],
        structure_phone=row["structure__phone"],
        structure_updated_at=row["structure__updated_at"],
        places=tuple(places),
        distance_km=row.get("distance_km"),
        cost_label=cost_label(row["cost"], row["cost_amount"]),
    )
