"""The active taxonomy as every search reads it, remembered in the process until the public
data change (annuaire.core.published): the search form and page pay no query for it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from annuaire.core import published
from annuaire.taxonomy.models import Category, SubCategory


def active_categories() -> dict[str, Category]:
    """The active categories by code, in display order."""
    categories = published.remembered(
        "taxonomy.active_categories", None, lambda: {c.code: c for c in Category.objects.active()}
    )
    return dict(categories)


def active_subcategories() -> Mapping[str, SubCategory]:
    """Every active sub-category (of an active category) by code, in display order: read in
    one query for the whole taxonomy, so that no search pays one for its category."""
    return published.remembered(
        "taxonomy.active_subcategories",
        None,
        lambda: {s.code: s for s in SubCategory.objects.active().order_by("category_id", "order", "label")},
    )


def active_subcategories_of(category: Category) -> list[SubCategory]:
    """The active sub-categories of `category`, in display order."""
    return [s for s in active_subcategories().values() if s.category_id == category.pk]


def categories_by_pk(wanted: Iterable[int] = ()) -> Mapping[int, Category]:
    """Every category (active or not) by id, shared and read-only: offers read as rows name
    theirs by id. Ids in `wanted` not known yet (created by another process, whose change
    this process has not seen) are read at once."""
    table = published.remembered("taxonomy.categories_by_pk", None, lambda: {c.pk: c for c in Category.objects.all()})
    return _with_missing(table, wanted, Category)


def subcategories_by_pk(wanted: Iterable[int] = ()) -> Mapping[int, SubCategory]:
    """Every sub-category (active or not) by id, as `categories_by_pk`."""
    table = published.remembered(
        "taxonomy.subcategories_by_pk", None, lambda: {s.pk: s for s in SubCategory.objects.all()}
    )
    return _with_missing(table, wanted, SubCategory)


def subcategories_in_order(ids: Iterable[int]) -> dict[int, SubCategory]:
    """The sub-categories of `ids` (active or not) by id, the dict in the taxonomy's order
    (`SubCategory.Meta.ordering`: their category's order, then their own order and label;
    then their id, where the database's collation could order two equal labels either way)."""
    wanted = set(ids)
    subcategories = subcategories_by_pk(wanted)
    categories = categories_by_pk({subcategories[pk].category_id for pk in wanted})
    chosen = sorted(
        (subcategories[pk] for pk in wanted),
        key=lambda sub: (categories[sub.category_id].order, sub.order, sub.label, sub.pk),
    )
    return {sub.pk: sub for sub in chosen}


M = TypeVar("M", Category, SubCategory)


def _with_missing(table: dict[int, M], wanted: Iterable[int], model: type[M]) -> Mapping[int, M]:
    missing = set(wanted) - table.keys()
    if not missing:
        return table
    return {**table, **{item.pk: item for item in model.objects.filter(pk__in=missing)}}
