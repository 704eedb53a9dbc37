"""The search page with htmx (results partial only) and its constant SQL cost."""

import pytest
from django.test import Client

from tests.directory.factories import OfferFactory
from tests.geo.factories import RENNES, commune

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_an_htmx_request_gets_only_the_results_region(client: Client) -> None:
    OfferFactory(title="Yoga adapté")
    response = client.get("/", {"categorie": "psychologie"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and '<form id="formulaire-recherche"' not in html
    assert 'id="resultats-titre"' in html and "1 offre trouvée" in html
    assert 'data-announce="1 offre trouvée."' in html
    assert '<script id="carte-donnees" type="application/json">' in html
    # the sub-categories of the chosen category are refreshed out of band
    assert '<div id="sous-categories" hx-swap-oob="true">' in html
    assert "HX-Request" in response["Vary"]


def test_an_invalid_htmx_request_swaps_the_whole_search_block_to_show_field_errors(client: Client) -> None:
    response = client.get("/", {"commune": "Atlantide"}, **HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#recherche"
    assert response["HX-Reselect"] == "#recherche"
    assert 'id="erreur-commune"' in response.content.decode()


def test_an_htmx_request_after_errors_gets_the_whole_block_to_clear_them(client: Client) -> None:
    response = client.get("/", {"commune": "Quimper"}, HTTP_X_SEARCH_BLOCK="1", **HTMX)
    assert response["HX-Retarget"] == "#recherche"
    assert 'id="erreur-commune"' not in response.content.decode()
    assert "Aucune offre trouvée près de Quimper (29)" in response.content.decode()


def test_a_history_restore_request_gets_the_full_page(client: Client) -> None:
    response = client.get("/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.content.decode()


def test_the_page_works_without_htmx_markup_being_required(client: Client) -> None:
    html = client.get("/?categorie=").content.decode()
    assert 'method="get" action="/"' in html
    assert '<button type="submit">Rechercher</button>' in html


def test_the_home_page_asks_the_question_with_one_query(client: Client, django_assert_num_queries) -> None:
    for _ in range(3):
        OfferFactory()
    with django_assert_num_queries(1):  # the kinds of care
        html = client.get("/").content.decode()
    assert 'id="resultats"' not in html


# Query counts: categories, départements, count, page (with what the cards show of each offer, its
# structure and its places: docs/adr/0035, 0043). Around a commune, the page's statement also
# counts the search (docs/adr/0039): one query fewer.
def test_an_empty_search_costs_a_constant_number_of_queries(client: Client, django_assert_num_queries) -> None:
    for _ in range(3):
        OfferFactory()
    with django_assert_num_queries(4):
        client.get("/", {"categorie": ""})


def test_a_commune_and_category_search_with_twenty_results_costs_a_constant_number_of_queries(
    client: Client, django_assert_num_queries
) -> None:
    rennes = commune(RENNES)
    for _ in range(25):
        OfferFactory(commune=rennes, subcategory_codes=["consultation-psychologue", "hypnose"])
    # + commune resolution (by exact name), the sub-categories of the chosen category, the anonymous search
    # count; - the count (read with the page)
    with django_assert_num_queries(6):
        response = client.get("/", {"commune": "Rennes", "categorie": "psychologie"})
    assert len(response.context["cards"]) == 20
    assert "25 offres trouvées près de Rennes (35) dans un rayon de 20 km" in response.content.decode()


def test_the_htmx_partial_costs_a_constant_number_of_queries(client: Client, django_assert_num_queries) -> None:
    rennes = commune(RENNES)
    for _ in range(25):
        OfferFactory(commune=rennes)
    # a postal code: one query for the communes carrying it; + the anonymous search count; - the count
    with django_assert_num_queries(6):
        response = client.get("/", {"commune": "35000", "categorie": "psychologie", "page": "2"}, **HTMX)
    assert len(response.context["cards"]) == 5
