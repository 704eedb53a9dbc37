"""Anonymous statistics of the public search: codes and counts, never a person."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from annuaire.insight.models import SearchCount
from annuaire.insight.searches import MIN_GROUP, AnonymousSearch, count_search, record_search, unmet_searches
from annuaire.insight.territory import Territory
from annuaire.www.forms import SearchForm
from tests.directory.factories import OfferFactory
from tests.geo.factories import RENNES, commune

pytestmark = pytest.mark.django_db
EVERYWHERE = Territory("France")


def criteria(**params: str):  # type: ignore[no-untyped-def]
    form = SearchForm(params)
    assert form.is_valid(), form.errors
    return form.criteria()


def test_the_stored_row_holds_codes_and_counts_only() -> None:
    fields = {f.name for f in SearchCount._meta.get_fields()}
    assert fields == {
        "id",
        "day",
        "category",
        "subcategories",
        "filters",
        "words",
        "commune",
        "departement",
        "radius_km",
        "result_count",
        "searches",
    }
    assert SearchCount._meta.get_field("day").get_internal_type() == "DateField"  # a day, never a time


def test_the_same_search_on_the_same_day_adds_to_one_counter() -> None:
    asked = criteria(categorie="psychologie", commune="Rennes", rayon="30", age="aja", gratuit="1")
    record_search(asked, 0)
    record_search(asked, 0)
    row = SearchCount.objects.get()
    assert row.searches == 2
    assert (row.category, row.commune, row.departement, row.radius_km, row.result_count) == (
        "psychologie",
        RENNES,
        "35",
        30,
        0,
    )
    assert row.filters == "age=aja,gratuit"
    assert row.day == timezone.localdate()


def test_free_text_keeps_only_the_words_of_the_taxonomy() -> None:
    asked = criteria(q="Sophrologie pour Jean Dupont rue des Lilas douleur")
    assert AnonymousSearch.of(asked).words == "douleur sophrologie"


def test_free_text_outside_the_vocabulary_and_an_empty_search_record_nothing() -> None:
    record_search(criteria(q="Jean Dupont 0612345678"), 3)
    record_search(criteria(), 120)
    assert not SearchCount.objects.exists()


def test_the_public_page_and_the_api_record_the_search_but_nothing_about_the_visitor() -> None:
    OfferFactory(commune=commune(RENNES))
    client = Client(REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Navigateur-Test/1.0")
    client.cookies["suivi"] = "abc123"
    client.get("/", {"categorie": "psychologie", "commune": "Rennes"})
    client.get("/api/v1/offres", {"categorie": "psychologie", "commune": RENNES})
    row = SearchCount.objects.get()
    assert (row.searches, row.result_count, row.category, row.commune) == (2, 1, "psychologie", RENNES)
    stored = " ".join(str(v) for v in SearchCount.objects.values().get().values())
    assert "203.0.113.7" not in stored and "Navigateur" not in stored and "abc123" not in stored


def test_an_invalid_search_records_nothing() -> None:
    Client().get("/", {"categorie": "astrologie"})
    assert not SearchCount.objects.exists()


def _count(n: int, result_count: int = 0, **fields: str) -> None:
    SearchCount.objects.create(
        day=fields.pop("day", date(2026, 11, 12)),
        category=fields.pop("category", "sexualite"),
        departement=fields.pop("departement", "29"),
        result_count=result_count,
        searches=n,
        **fields,
    )


def test_a_group_of_fewer_than_five_searches_is_never_shown() -> None:
    _count(MIN_GROUP - 1, category="fertilite")
    _count(3, category="sexualite", commune="29019")
    _count(2, category="sexualite", commune="29232")  # 5 over the département in the month
    unmet = unmet_searches(EVERYWHERE)
    assert [(u.category, u.departement, u.searches, u.without_result) for u in unmet] == [("sexualite", "29", 5, 5)]


def test_unmet_searches_are_the_most_frequent_with_few_results_by_territory_and_month() -> None:
    _count(9, result_count=1, category="sexualite")
    _count(20, result_count=0, category="fertilite")
    _count(50, result_count=15, category="psychologie")  # plenty of results: not unmet
    _count(7, result_count=0, category="fertilite", day=date(2026, 10, 3))
    _count(6, result_count=0, category="fertilite", departement="35")
    unmet = unmet_searches(EVERYWHERE)
    assert [(u.month, u.departement, u.category, u.searches) for u in unmet] == [
        (date(2026, 11, 1), "29", "fertilite", 20),
        (date(2026, 11, 1), "29", "sexualite", 9),
        (date(2026, 11, 1), "35", "fertilite", 6),
        (date(2026, 10, 1), "29", "fertilite", 7),
    ]
    assert [u.category for u in unmet_searches(Territory("Ille-et-Vilaine", departements=frozenset({"35"})))] == [
        "fertilite"
    ]


def test_a_territory_sees_the_searches_of_its_region_departements_or_communes_only() -> None:
    _count(6, category="fertilite", departement="29", commune="29019")
    _count(8, category="sexualite", departement="35", commune="35238")
    brittany = Territory.of_region("53", "Bretagne")
    brest_only = Territory("Brest", communes=frozenset({"29019"}))
    rennes_dep = Territory("Ille-et-Vilaine", departements=frozenset({"35"}))
    assert {u.category for u in unmet_searches(brittany)} == {"fertilite", "sexualite"}
    assert [u.category for u in unmet_searches(brest_only)] == ["fertilite"]
    assert [u.category for u in unmet_searches(rennes_dep)] == ["sexualite"]


@pytest.mark.django_db(transaction=True)
def test_a_search_outside_any_transaction_is_counted_in_its_own_commit() -> None:
    # As in a web request (autocommit): on PostgreSQL the upsert then runs with
    # `SET LOCAL synchronous_commit TO OFF` in the same message (docs/adr/0036).
    asked = AnonymousSearch(category="psychologie", departement="35")
    assert not connection.in_atomic_block
    count_search(asked, 3)
    count_search(asked, 3)
    assert SearchCount.objects.get(category="psychologie", departement="35", result_count=3).searches == 2
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone()[0] == "on"  # LOCAL: the connection's other commits still wait
