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


def categories_by_pk() -> dict[int, Category]:
    """Every category (active or not) by id: offers read as rows name theirs by id."""
    return published.remembered("taxonomy.categories_by_pk", None, lambda: {c.pk: c for c in Category.objects.all()})


def subcategories_by_pk() -> dict[int, SubCategory]:
    """Every sub-category (active or not) by id."""
    return published.remembered(
        "taxonomy.subcategories_by_pk", None, lambda: {s.pk: s for s in SubCategory.objects.all()}
    )
