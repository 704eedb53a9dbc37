"""The links of a page of offers read as rows (`.values()`): their sub-categories in the
taxonomy's order and their places by id, one query each, as `with_result_relations`
prefetches them. For the ways out that skip model instances (API, FHIR: docs/adr/0037)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from annuaire.directory.models import Offer, OfferQuerySet
from annuaire.taxonomy.lookups import subcategories_by_pk
from annuaire.taxonomy.models import SubCategory


def subcategories_of(offer_ids: Sequence[int]) -> dict[int, list[SubCategory]]:
    """The sub-categories of each offer (shared, remembered instances)."""
    found: dict[int, list[SubCategory]] = {pk: [] for pk in offer_ids}
    ordering = [f"subcategory__{name}" for name in SubCategory._meta.ordering]  # type: ignore[union-attr]
    links = Offer.subcategories.through.objects.filter(offer_id__in=offer_ids).order_by(*ordering)
    pairs = list(links.values_list("offer_id", "subcategory_id"))
    subcategories = subcategories_by_pk(subcategory_id for _, subcategory_id in pairs)
    for offer_id, subcategory_id in pairs:
        found[offer_id].append(subcategories[subcategory_id])
    return found


def place_values_of(offer_ids: Sequence[int], fields: Sequence[str]) -> dict[int, list[tuple[Any, ...]]]:
    """The `fields` of each offer's places (lookups from a place, e.g. "commune__name")."""
    found: dict[int, list[tuple[Any, ...]]] = {pk: [] for pk in offer_ids}
    links = Offer.places.through.objects.filter(offer_id__in=offer_ids).order_by("place_id")
    for offer_id, *values in links.values_list("offer_id", *(f"place__{name}" for name in fields)):
        found[offer_id].append(tuple(values))
    return found


@dataclass(frozen=True)
class PageRows:
    """A page of offers as rows: each offer's `columns`, its sub-categories and its places' fields."""

    offers: list[dict[str, Any]]
    subcategories: dict[int, list[SubCategory]]
    places: dict[int, list[tuple[Any, ...]]]


def read_page(offers: OfferQuerySet, columns: Sequence[str], place_fields: Sequence[str]) -> PageRows:
    """`offers` (already sliced, in order) in three queries at most."""
    found = list(offers.values("pk", *columns))
    ids = [row["pk"] for row in found]
    if not ids:
        return PageRows([], {}, {})
    return PageRows(found, subcategories_of(ids), place_values_of(ids, place_fields))
