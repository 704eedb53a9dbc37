"""The pages of a list read only their twenty rows from an index, in its order, however deep
(SQLite's plans; PostgreSQL's depend on its statistics: docs/adr/0039, issue 12)."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection

from annuaire.directory.models import Offer
from annuaire.directory.result_rows import ResultPages
from annuaire.directory.search import make_criteria
from annuaire.taxonomy.models import Category
from tests.directory.factories import OfferFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="EXPLAIN QUERY PLAN is SQLite's"),
]


@pytest.fixture
def category() -> Category:
    offer = OfferFactory()
    OfferFactory(category=offer.category)
    return offer.category


class Statements(list[tuple[str, Any]]):
    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.append((sql, params))
        return execute(sql, params, many, context)


def plan_of(sql: str, params: Any) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[-1] for row in cursor.fetchall()]


@pytest.fixture
def statements() -> Iterator[Statements]:
    seen = Statements()
    with connection.execute_wrapper(seen):
        yield seen


def test_a_page_of_a_category_is_read_in_the_order_of_its_index(category: Category, statements: Statements) -> None:
    ResultPages(make_criteria(category=category), 20).read(1)

    (sql, params) = next((sql, params) for sql, params in statements if "LIMIT" in sql)
    plan = plan_of(sql, params)
    assert any("COVERING INDEX" in step and "is_public=?" in step for step in plan), plan
    # One sort: the twenty rows of the page, put back in order after their join; none of the matches.
    assert sum("TEMP B-TREE" in step for step in plan) == 1, plan


def test_the_published_offers_in_title_order_need_no_sort(category: Category) -> None:
    ids = Offer.objects.published().filter(category=category).order_by("title", "id").values("id")[:20]
    sql, params = ids.query.sql_with_params()

    plan = plan_of(sql, params)

    assert any("is_public=?" in step for step in plan), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan
