"""`GET /api/v1/taxonomie`: the categories, their sub-categories and who may deliver them."""

import pytest

from annuaire.taxonomy.models import Category, SubCategory
from tests.api.helpers import get

pytestmark = pytest.mark.django_db


def test_it_gives_the_active_categories_in_order_with_their_subcategories() -> None:
    categories = get("/api/v1/taxonomie")["categories"]
    assert [c["code"] for c in categories] == list(Category.objects.active().values_list("code", flat=True))
    douleur = next(c for c in categories if c["code"] == "douleur")
    assert set(douleur) == {"code", "libelle", "nature", "nature_libelle", "description", "sous_categories"}
    codes = [s["code"] for s in douleur["sous_categories"]]
    assert "hypnoanalgesie" in codes
    sub = douleur["sous_categories"][0]
    assert set(sub) == {"code", "libelle", "nature", "nature_libelle", "description", "professions"}


def test_it_hides_inactive_subcategories() -> None:
    SubCategory.objects.filter(code="hypnoanalgesie").update(is_active=False)
    douleur = next(c for c in get("/api/v1/taxonomie")["categories"] if c["code"] == "douleur")
    assert "hypnoanalgesie" not in [s["code"] for s in douleur["sous_categories"]]


def test_it_lists_the_professions_of_each_subcategory() -> None:
    sub = SubCategory.objects.filter(professions__isnull=False).distinct().first()
    assert sub is not None
    categories = get("/api/v1/taxonomie")["categories"]
    found = next(s for c in categories for s in c["sous_categories"] if s["code"] == sub.code)
    assert {p["code"] for p in found["professions"]} == set(sub.professions.values_list("code", flat=True))
