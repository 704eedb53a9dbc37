"""The active taxonomy as every search reads it, remembered in the process until the public
data change (annuaire.core.published): the search form and page pay no query for it."""

from __future__ import annotations

from annuaire.core import published
from annuaire.taxonomy.models import Category, SubCategory


def active_categories() -> dict[str, Category]:
    """The active categories by code, in display order."""
    categories = published.remembered(
        "taxonomy.active_categories", None, lambda: {c.code: c for c in Category.objects.active()}
    )
    return dict(categories)


def active_subcategories_of(category: Category) -> list[SubCategory]:
    """The active sub-categories of `category`, in display order."""
    return list(
        published.remembered(
            "taxonomy.active_subcategories_of",
            category.pk,
            lambda: tuple(SubCategory.objects.active().filter(category=category).order_by("order", "label")),
        )
    )
