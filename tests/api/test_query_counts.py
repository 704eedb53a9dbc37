"""Constant number of SQL queries whatever the page size (no N+1)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, commune

pytestmark = pytest.mark.django_db


def _offers(n: int) -> None:
    for i in range(n):
        structure = StructureFactory()
        extra = PlaceFactory(structure=structure, commune=commune(QUIMPER))
        offer = OfferFactory(structure=structure, commune=commune(BREST), title=f"Offre {i}")
        offer.places.add(extra)
        offer.subcategories.add(*offer.category.subcategories.all()[:2])


# SearchForm categories + count + page (with each offer's sub-categories and places, docs/adr/0046)
# + the whole taxonomy by id, sub-categories and categories (remembered by the process until the
# public data change: annuaire.core.published).
OFFER_SEARCH = 5
# count + page + the commune looked up by the form (INSEE code: one query) + the anonymous search
# count; the categories and the taxonomy are remembered since the first search.
OFFER_SEARCH_NEAR = 4


@pytest.mark.parametrize(("n", "size"), [(2, "20"), (30, "100")])
def test_it_searches_offers_in_a_constant_number_of_queries(
    n: int, size: str, django_assert_num_queries: Callable[..., Any]
) -> None:
    _offers(n)
    with django_assert_num_queries(OFFER_SEARCH):
        assert Client().get("/api/v1/offres", {"taille": size}).status_code == 200
    with django_assert_num_queries(OFFER_SEARCH_NEAR):
        response = Client().get("/api/v1/offres", {"taille": size, "commune": BREST, "categorie": "psychologie"})
        assert len(response.json()["results"]) == n


@pytest.mark.parametrize("n", [2, 30])
def test_it_lists_structures_and_places_in_a_constant_number_of_queries(
    n: int, django_assert_num_queries: Callable[..., Any]
) -> None:
    _offers(n)
    with django_assert_num_queries(4):  # count + page + offers + places
        assert len(Client().get("/api/v1/structures", {"taille": "100"}).json()["results"]) == n
    with django_assert_num_queries(3):  # count + page + offers
        assert len(Client().get("/api/v1/lieux", {"taille": "100"}).json()["results"]) == 2 * n


def test_it_gives_the_taxonomy_and_communes_in_a_constant_number_of_queries(
    django_assert_num_queries: Callable[..., Any],
) -> None:
    with django_assert_num_queries(3):  # categories + sub-categories + professions
        assert Client().get("/api/v1/taxonomie").status_code == 200
    with django_assert_num_queries(2):  # communes + postal codes
        assert len(Client().get("/api/v1/communes", {"q": "sa"}).json()["results"]) == 10
