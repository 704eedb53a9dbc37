"""Offers read as rows name their categories and sub-categories by id: the tables by id are
remembered until the public data change, and an id they do not know yet (a sub-category
created by another process, whose change this one has not seen) is read at once."""

from typing import Any

import pytest

from annuaire.taxonomy.lookups import categories_by_pk, subcategories_by_pk
from annuaire.taxonomy.models import CareKind, Category, SubCategory

pytestmark = pytest.mark.django_db


def test_the_tables_by_id_are_read_once(django_assert_num_queries: Any) -> None:
    psychologie = Category.objects.get(code="psychologie")
    first = subcategories_by_pk()
    categories_by_pk()
    with django_assert_num_queries(0):
        assert categories_by_pk([psychologie.pk])[psychologie.pk].code == "psychologie"
        assert subcategories_by_pk(first) == first


def test_an_id_created_elsewhere_is_read_at_once(django_assert_num_queries: Any) -> None:
    category = Category.objects.get(code="psychologie")
    subcategories_by_pk()
    # bulk_create sends no signal: as if another process had written it.
    [new] = SubCategory.objects.bulk_create(
        [SubCategory(category=category, code="nouveau-soin", label="Nouveau soin", kind=CareKind.SOCLE)]
    )
    with django_assert_num_queries(1):
        assert subcategories_by_pk([new.pk])[new.pk].code == "nouveau-soin"
