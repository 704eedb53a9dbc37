"""The orientation selection lives in the session: across pages, filters and offer pages, without JavaScript."""

import re

import pytest
from django.test import Client

from tests.directory.factories import OfferFactory
from tests.geo.factories import QUIMPER, commune

pytestmark = pytest.mark.django_db

SEARCH = "/?categorie=&commune=Quimper+%2829%29"


def add(client: Client, pk: int, back: str = SEARCH, **headers: str) -> object:
    return client.post("/fiche-orientation/ajouter/", {"offre": str(pk), "retour": back}, **headers)


def test_adding_without_javascript_goes_back_to_the_same_search_at_the_offer(client: Client) -> None:
    offer = OfferFactory(commune=commune(QUIMPER))
    response = add(client, offer.pk)
    assert response.status_code == 302
    assert response["Location"] == f"{SEARCH}#offre-{offer.pk}"


def test_the_selection_survives_pages_filters_and_offer_pages_and_shows_its_count(client: Client, settings) -> None:
    settings.SEARCH_PAGE_SIZE = 1
    first, second = OfferFactory(title="A", commune=commune(QUIMPER)), OfferFactory(title="B", commune=commune(QUIMPER))
    add(client, first.pk)
    for url in [SEARCH + "&page=2", "/?categorie=&rayon=50&commune=Quimper+%2829%29", second.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert "Imprimer la fiche (1)" in html, url
    # an offer page adds to the current selection
    add(client, second.pk, back=second.get_absolute_url())
    sheet = client.get("/fiche-orientation/").content.decode()
    assert "Imprimer la fiche (2)" in sheet
    assert sheet.index(">A<") < sheet.index(">B<")


def test_the_sheet_links_back_to_the_search_it_came_from_and_can_be_shared(client: Client) -> None:
    offer = OfferFactory(commune=commune(QUIMPER))
    add(client, offer.pk)
    html = client.get("/fiche-orientation/").content.decode()
    assert f'<a href="{SEARCH.replace("&", "&amp;")}">Revenir à la recherche</a>' in html
    assert f"/fiche-orientation/?offre={offer.pk}" in html
    assert "<svg" in html and "<title>Code QR vers la page de l'offre</title>" in html


def test_the_selection_can_be_emptied(client: Client) -> None:
    offer = OfferFactory()
    add(client, offer.pk)
    client.post("/fiche-orientation/vider/", {"retour": "/"})
    assert "Imprimer la fiche" not in client.get("/").content.decode()


def test_with_htmx_the_answer_is_the_new_button_and_the_bar(client: Client) -> None:
    offer = OfferFactory()
    response = add(client, offer.pk, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Retirer de la fiche" in html
    assert re.search(r'id="barre-selection"[^>]*hx-swap-oob="outerHTML"', html)
    assert "Imprimer la fiche (1)" in html


def test_a_foreign_return_address_is_ignored(client: Client) -> None:
    offer = OfferFactory()
    response = add(client, offer.pk, back="https://ailleurs.example/")
    assert response["Location"] == "/fiche-orientation/"


def test_removing_an_offer_takes_it_off_the_sheet(client: Client) -> None:
    offer = OfferFactory(title="Retirée")
    add(client, offer.pk)
    client.post("/fiche-orientation/retirer/", {"offre": str(offer.pk), "retour": "/fiche-orientation/"})
    assert "Imprimer la fiche" not in client.get("/fiche-orientation/").content.decode()
