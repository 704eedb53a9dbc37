"""A page of offers read as rows (`.values()`) for the ways out that skip model instances (API,
FHIR: docs/adr/0037), with each offer's sub-categories and places read in the same
statement, as JSON (`core.sql.json_rows`, docs/adr/0046): one query for the page, where
reading the links of the page's offers took two more (and two more round trips and
compilations of a queryset: about a quarter of a FHIR search page).

The sub-categories come back in the taxonomy's order, the places by id, as
`with_result_relations` prefetches them.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from django.db.models import TextField
from django.utils.dateparse import parse_datetime

from annuaire.core.sql import Fragment, RowSQL, exact_real, json_rows
from annuaire.directory.models import OfferQuerySet
from annuaire.taxonomy.lookups import subcategories_in_order
from annuaire.taxonomy.models import SubCategory


def _uuid(value: str | None) -> uuid.UUID | None:
    """A UUID as JSON gives it: with dashes (PostgreSQL), or 32 hex digits (SQLite's column)."""
    return None if value is None else uuid.UUID(value)


def _real(value: float | str | None) -> float | None:
    """A coordinate of `json_rows`: a number (PostgreSQL) or its exact digits (SQLite)."""
    return None if value is None else float(value)


def _instant(value: str | None) -> datetime | None:
    """A timestamp as JSON gives it: with its offset (PostgreSQL), or naive UTC (SQLite's column)."""
    if value is None:
        return None
    moment = parse_datetime(value)
    if moment is None:
        raise ValueError(f"Not a timestamp: {value!r}")
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _as_is(value: Any) -> Any:
    return value


# The place fields a way out may ask for (lookups from a place, as `.values()` names them):
# their SQL about the tables `place`, `place_commune` and `place_departement`, and how a
# value read back from JSON becomes the one the ORM gives.
_PLACE_FIELDS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "pk": ("place.id", _as_is),
    "uuid": ("place.uuid", _uuid),
    "name": ("place.name", _as_is),
    "address_line": ("place.address_line", _as_is),
    "address_complement": ("place.address_complement", _as_is),
    "postal_code": ("place.postal_code", _as_is),
    "phone": ("place.phone", _as_is),
    "lat": (exact_real("place.lat"), _real),
    "lng": (exact_real("place.lng"), _real),
    "updated_at": ("place.updated_at", _instant),
    "commune__code": ("place.commune_id", _as_is),
    "commune__name": ("place_commune.name", _as_is),
    "commune__departement_id": ("place_commune.departement_id", _as_is),
    "commune__departement__region_id": ("place_departement.region_id", _as_is),
}


@cache
def _places_sql(fields: tuple[str, ...]) -> str:
    """Each offer's places with `fields`, as one JSON text (about the offer row)."""
    source = (
        "directory_offer_places place_link JOIN directory_place place ON place.id = place_link.place_id "
        "JOIN geo_commune place_commune ON place_commune.code = place.commune_id "
    )
    if any(name.startswith("commune__departement__") for name in fields):
        source += "JOIN geo_departement place_departement ON place_departement.code = place_commune.departement_id "
    return json_rows([_PLACE_FIELDS[name][0] for name in fields], source + "WHERE place_link.offer_id = {row}.id")


@cache
def _subcategories_sql() -> str:
    """Each offer's sub-category ids, as one JSON text (about the offer row)."""
    return json_rows(["subcategory_link.subcategory_id"], "directory_offer_subcategories subcategory_link "
                     "WHERE subcategory_link.offer_id = {row}.id")  # fmt: skip


@dataclass(frozen=True)
class PageRows:
    """A page of offers as rows: each offer's `columns`, its sub-categories and its places' fields."""

    offers: list[dict[str, Any]]
    subcategories: dict[int, list[SubCategory]]  # in the taxonomy's order
    places: dict[int, list[tuple[Any, ...]]]  # by place id


def read_page(offers: OfferQuerySet, columns: Sequence[str], place_fields: Sequence[str]) -> PageRows:
    """`offers` (already sliced, in order) in one query; `place_fields` start with "pk"."""
    if not place_fields or place_fields[0] != "pk":
        raise ValueError("The places of an offer are read with their id first.")
    fields = tuple(place_fields)
    found = list(
        offers.annotate(
            page_subcategories=RowSQL(Fragment(_subcategories_sql()), TextField()),
            page_places=RowSQL(Fragment(_places_sql(fields)), TextField()),
        ).values("pk", *columns, "page_subcategories", "page_places")
    )
    if not found:
        return PageRows([], {}, {})
    converters = [_PLACE_FIELDS[name][1] for name in fields]
    subcategory_ids = {row["pk"]: [pk for (pk,) in json.loads(row.pop("page_subcategories") or "[]")] for row in found}
    ordered = subcategories_in_order(pk for ids in subcategory_ids.values() for pk in ids)
    rank = {pk: position for position, pk in enumerate(ordered)}
    places = {}
    for row in found:
        read = [
            tuple(convert(value) for convert, value in zip(converters, place, strict=True))
            for place in json.loads(row.pop("page_places") or "[]")
        ]
        places[row["pk"]] = sorted(read, key=lambda place: place[0])
    return PageRows(
        found,
        {pk: [ordered[i] for i in sorted(ids, key=rank.__getitem__)] for pk, ids in subcategory_ids.items()},
        places,
    )
