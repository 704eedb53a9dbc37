"""Deep pages of the search read through an index-only subquery (`OfferQuerySet.window`):
the same offers, in the same order, as a plain slice of the search."""

import pytest
from django.core.paginator import Paginator

from annuaire.directory.models import Offer
from annuaire.directory.result_rows import ResultPages
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
def test_the_result_pages_hold_the_offers_of_the_search_in_its_order(offers: None, around: str | None) -> None:
    centre = Commune.objects.get(code=around) if around else None
    criteria = make_criteria(commune=centre, radius_km=500 if centre else None)
    search = Offer.objects.search(criteria)
    pages = ResultPages(criteria, 3)
    assert pages.num_pages == 3
    for number in pages.page_range:
        rows = list(pages.page(number))
        offers = list(search[(number - 1) * 3 : number * 3])
        assert [row.pk for row in rows] == [o.pk for o in offers]
        assert [row.distance_km for row in rows] == [getattr(o, "distance_km", None) for o in offers]
