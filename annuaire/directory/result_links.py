"""The links of a page of offers read as rows (`.values()`): their sub-categories in the
taxonomy's order and their places by id, one query each, as `with_result_relations`
prefetches them. For the ways out that skip model instances (API, FHIR: docs/adr/0037)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from annuaire.directory.models import Offer, OfferQuerySet
from annuaire.taxonomy.models import SubCategory


def subcategory_values_of(offer_ids: Sequence[int], fields: Sequence[str]) -> dict[int, list[tuple[Any, ...]]]:
    """The `fields` of each offer's sub-categories (e.g. "code"), in the taxonomy's order."""
    ordering = [f"subcategory__{name}" for name in SubCategory._meta.ordering]  # type: ignore[union-attr]
    return _values_of(Offer.subcategories.through, "subcategory", offer_ids, fields, ordering)


def place_values_of(offer_ids: Sequence[int], fields: Sequence[str]) -> dict[int, list[tuple[Any, ...]]]:
    """The `fields` of each offer's places (lookups from a place, e.g. "commune__name"), by place id."""
    return _values_of(Offer.places.through, "place", offer_ids, fields, ["place_id"])


def _values_of(
    through: Any, target: str, offer_ids: Sequence[int], fields: Sequence[str], ordering: Sequence[str]
) -> dict[int, list[tuple[Any, ...]]]:
    found: dict[int, list[tuple[Any, ...]]] = {pk: [] for pk in offer_ids}
    links = through.objects.filter(offer_id__in=offer_ids).order_by(*ordering)
    for offer_id, *values in links.values_list("offer_id", *(f"{target}__{name}" for name in fields)):
        found[offer_id].append(tuple(values))
    return found


@dataclass(frozen=True)
class PageRows:
    """A page of offers as rows: each offer's `columns`, its sub-categories' and places' fields."""

    offers: list[dict[str, Any]]
    subcategories: dict[int, list[tuple[Any, ...]]]
    places: dict[int, list[tuple[Any, ...]]]


def read_page(
    offers: OfferQuerySet, columns: Sequence[str], subcategory_fields: Sequence[str], place_fields: Sequence[str]
) -> PageRows:
    """`offers` (already sliced, in order) in three queries at most."""
    found = list(offers.values("pk", *columns))
    ids = [row["pk"] for row in found]
    if not ids:
        return PageRows([], {}, {})
    return PageRows(found, subcategory_values_of(ids, subcategory_fields), place_values_of(ids, place_fields))
