"""Deep pages of the search read through an index-only subquery (`OfferQuerySet.window`):
the same offers, in the same order, as a plain slice of the search."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annuaire.directory.models import Offer
from annuaire.directory.result_rows import as_result_rows
from annuaire.directory.search import SearchPaginator, make_criteria
from annuaire.geo.models import Commune
from tests.directory.factories import OfferFactory
from tests.geo.factories import BREST, QUIMPER, RENNES, SAINT_BRIEUC, VANNES, commune

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers() -> None:
    for n, code in enumerate([RENNES, BREST, QUIMPER, SAINT_BRIEUC, VANNES, RENNES, BREST, QUIMPER]):
        # Shared titles: the order falls back on the id, as in the search.
        OfferFactory(title=f"Offre {n % 3}", commune=commune(code))


@pytest.mark.parametrize("around", [None, RENNES])
def test_a_window_far_down_holds_the_offers_of_a_plain_slice(offers: None, around: str | None) -> None:
    centre = Commune.objects.get(code=around) if around else None
    search = Offer.objects.search(make_criteria(commune=centre, radius_km=500 if centre else None))
    for start, stop in [(0, 3), (2, 5), (5, 8), (7, 10)]:
        deferred = list(search.with_result_relations().window(start, stop, deferred_from=0))
        assert deferred == list(search[start:stop])
        assert [getattr(o, "distance_km", None) for o in deferred] == [
            getattr(o, "distance_km", None) for o in search[start:stop]
        ]


def test_the_search_paginator_gives_the_pages_of_django_s_paginator(offers: None) -> None:
    search = Offer.objects.search(make_criteria(commune=Commune.objects.get(code=QUIMPER), radius_km=500))
    ours, django_s = SearchPaginator(search, 3), Paginator(search, 3)
    assert ours.num_pages == django_s.num_pages == 3
    for number in ours.page_range:
        assert list(ours.page(number)) == list(django_s.page(number))


@pytest.mark.parametrize("around", [None, RENNES])
def test_result_rows_are_counted_as_their_search_without_the_structures_join(offers: None, around: str | None) -> None:
    centre = Commune.objects.get(code=around) if around else None
    search = Offer.objects.search(make_criteria(commune=centre, radius_km=500 if centre else None))
    paginator = SearchPaginator(as_result_rows(search), 3)
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == search.count() == 8
    assert "directory_structure" not in queries.captured_queries[0]["sql"]
    assert [row["pk"] for row in paginator.page(2).object_list] == [o.pk for o in search[3:6]]


@pytest.mark.parametrize("around", [None, RENNES])
def test_deep_result_rows_find_their_ids_in_the_search_without_the_structures_join(
    offers: None, around: str | None
) -> None:
    centre = Commune.objects.get(code=around) if around else None
    search = Offer.objects.search(make_criteria(commune=centre, radius_km=500 if centre else None))
    rows = as_result_rows(search)
    deep = rows.window(5, 8, deferred_from=0, ids_from=search)
    assert [row["pk"] for row in deep] == [o.pk for o in search[5:8]]
    assert str(deep.query).count('JOIN "directory_structure"') == 1  # the rows' columns, not the ids' subquery
