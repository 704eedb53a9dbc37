"""A list without a commune (the whole directory, a category, a département) is counted once
until the public data change: its pages share the count; a search around a commune counts its
own few offers every time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annuaire.directory.models import Offer
from annuaire.directory.result_rows import ResultPages
from annuaire.directory.search import SearchCriteria, counts_within, make_criteria
from annuaire.geo.models import Commune
from tests.directory.factories import OfferFactory
from tests.geo.factories import BREST, QUIMPER, RENNES, commune

pytestmark = pytest.mark.django_db


def counted(criteria: SearchCriteria) -> tuple[int, int]:
    """The count of a page's paginator, and how many COUNT queries it took."""
    paginator = ResultPages(criteria, 2)
    with CaptureQueriesContext(connection) as queries:
        count = paginator.count
    return count, sum("COUNT(" in q["sql"].upper() for q in queries.captured_queries)


@pytest.fixture
def offers() -> None:
    for code in [RENNES, BREST, QUIMPER]:
        OfferFactory(commune=commune(code))


def test_the_pages_of_a_list_without_a_commune_share_one_count(offers: None) -> None:
    criteria = make_criteria()

    assert counted(criteria) == (3, 1)
    assert counted(criteria) == (3, 0)


def test_a_new_published_offer_is_counted_at_once(offers: None) -> None:
    criteria = make_criteria()
    assert counted(criteria) == (3, 1)

    OfferFactory(commune=commune(BREST))

    assert counted(criteria) == (4, 1)


def test_other_criteria_have_their_own_count(offers: None) -> None:
    everything = make_criteria()
    assert counted(everything) == (3, 1)

    assert counted(make_criteria(text="introuvable")) == (0, 1)
    assert counted(everything) == (3, 0)


def test_a_search_around_a_commune_counts_every_time(offers: None) -> None:
    criteria = make_criteria(commune=Commune.objects.get(code=RENNES), radius_km=500)

    assert counted(criteria) == (3, 1)
    assert counted(criteria) == (3, 1)


def test_around_a_commune_the_page_and_its_count_are_read_by_one_statement(offers: None) -> None:
    criteria = make_criteria(commune=Commune.objects.get(code=RENNES), radius_km=500)
    paginator = ResultPages(criteria, 2)

    with CaptureQueriesContext(connection) as queries:
        paginator.read(2)
        assert paginator.count == 3
        page = paginator.page(2)

    assert [row.pk for row in page] == [o.pk for o in Offer.objects.search(criteria)[2:4]]
    assert sum("directory_offer " in q["sql"] and "COUNT(" in q["sql"] for q in queries.captured_queries) == 1
    assert len(queries.captured_queries) == 1  # the page with its count and its places


def test_past_the_last_page_the_count_is_asked_on_its_own(offers: None) -> None:
    paginator = ResultPages(make_criteria(commune=Commune.objects.get(code=RENNES), radius_km=500), 2)
    paginator.read(7)
    assert paginator.count == 3
    assert paginator.num_pages == 2


def test_wider_radii_are_counted_together_as_each_search_would_count_them(offers: None) -> None:
    around_quimper = make_criteria(commune=Commune.objects.get(code=QUIMPER), radius_km=5)
    radii = [50.0, 100.0, 300.0]
    separately = {r: Offer.objects.search(around_quimper.widened(radius_km=r)).count() for r in radii}

    with CaptureQueriesContext(connection) as queries:
        together = counts_within(around_quimper, radii)

    assert together == separately == {50.0: 1, 100.0: 2, 300.0: 3}
    assert len(queries.captured_queries) == 1
