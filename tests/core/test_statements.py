"""The cursor of the search's own statements (annuaire/core/statements.py): the same rows on
every engine; on PostgreSQL, each statement prepared once per connection."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annuaire.core.statements import is_one_of, read_cursor
from annuaire.directory.models import Offer
from annuaire.directory.result_rows import ResultPages
from annuaire.directory.search import make_criteria
from tests.directory.factories import OfferFactory

pytestmark = pytest.mark.django_db


def titles_with_ids(ids: list[int]) -> list[str]:
    condition, params = is_one_of("id", ids)
    with read_cursor() as cursor:
        cursor.execute(f"SELECT title FROM directory_offer WHERE {condition} ORDER BY title", params)
        return [title for (title,) in cursor.fetchall()]


def test_is_one_of_finds_the_rows_of_one_or_many_values() -> None:
    offers = [OfferFactory(title=title) for title in ("Yoga", "Art-thérapie", "Sophrologie")]
    assert titles_with_ids([offers[0].pk]) == ["Yoga"]
    assert titles_with_ids([o.pk for o in offers] + [999_999]) == ["Art-thérapie", "Sophrologie", "Yoga"]


def test_its_statements_are_counted_and_logged_like_django_s_own() -> None:
    offer = OfferFactory(title="Yoga")
    with CaptureQueriesContext(connection) as queries:
        assert titles_with_ids([offer.pk]) == ["Yoga"]
    assert len(queries) == 1
    assert "SELECT title FROM directory_offer" in queries[0]["sql"]


def page_titles() -> list[str]:
    return [row.title for row in ResultPages(make_criteria(), 20).page(1).object_list]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_on_postgresql_the_search_statements_are_prepared_once_and_give_the_same_rows(settings: Any) -> None:
    for title in ("Yoga", "Art-thérapie", "Sophrologie"):
        OfferFactory(title=title)
    first = page_titles()
    for _ in range(6):  # past the five custom plans PostgreSQL makes before a generic one
        assert page_titles() == first == ["Art-thérapie", "Sophrologie", "Yoga"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements")
        prepared = dict(cursor.fetchall())
    page_statements = [runs for statement, runs in prepared.items() if "ORDER BY found.title" in statement]
    assert page_statements == [7]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_django_s_own_queries_are_never_prepared() -> None:
    OfferFactory(title="Yoga")
    for _ in range(8):
        assert Offer.objects.filter(title="Yoga").count() == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%directory_offer%"])
        assert cursor.fetchone()[0] == 0
