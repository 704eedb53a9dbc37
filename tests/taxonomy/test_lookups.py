"""The active taxonomy is read once per process until the public data change."""

from typing import Any

import pytest
from django.core.management import call_command

from annuaire.core import published
from annuaire.taxonomy.lookups import active_categories, active_subcategories, active_subcategories_of
from annuaire.taxonomy.models import Category

pytestmark = pytest.mark.django_db


def test_active_categories_are_read_once_until_a_category_changes(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        assert "psychologie" in active_categories()
    with django_assert_num_queries(0):
        categories = active_categories()
    category = categories["psychologie"]
    category.is_active = False
    category.save()
    with django_assert_num_queries(1):
        assert "psychologie" not in active_categories()


def test_the_sub_categories_of_a_category_are_remembered_and_the_loader_refreshes_them(
    django_assert_num_queries: Any,
) -> None:
    category = Category.objects.get(code="psychologie")
    first = active_subcategories_of(category)
    assert first
    with django_assert_num_queries(0):
        assert active_subcategories_of(category) == first
    call_command("load_taxonomy", verbosity=0)
    with django_assert_num_queries(1):
        assert active_subcategories_of(category) == first


def test_another_process_change_shows_after_the_delay_at_most(
    django_assert_num_queries: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    active_categories()
    monkeypatch.setattr(published, "REMEMBER_SECONDS", -1)  # the delay has passed
    with django_assert_num_queries(1):
        active_categories()


def test_the_whole_taxonomy_is_read_in_one_query_whatever_the_category(django_assert_num_queries: Any) -> None:
    categories = list(Category.objects.active())
    with django_assert_num_queries(1):
        by_category = {category.code: active_subcategories_of(category) for category in categories}
    assert all(by_category.values())
    expected = list(Category.objects.get(code="psychologie").subcategories.active().order_by("order", "label"))
    assert by_category["psychologie"] == expected


def test_an_inactive_sub_category_is_not_offered(django_assert_num_queries: Any) -> None:
    category = Category.objects.get(code="psychologie")
    hidden = category.subcategories.first()
    assert hidden in active_subcategories_of(category)
    hidden.is_active = False
    hidden.save()
    assert hidden not in active_subcategories_of(category)
    assert hidden.code not in active_subcategories()
