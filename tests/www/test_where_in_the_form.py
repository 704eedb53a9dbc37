"""The search page reads postal codes as postal codes and asks when a name is shared."""

import html as htmllib

import pytest
from django.test import Client

from tests.directory.factories import OfferFactory
from tests.geo.factories import commune

pytestmark = pytest.mark.django_db


def page(client: Client, **params: str) -> str:
    response = client.get("/", params)
    assert response.status_code == 200
    return htmllib.unescape(response.content.decode())


def test_a_postal_code_shared_by_several_communes_searches_around_the_main_one_and_offers_the_others(
    client: Client,
) -> None:
    html = page(client, commune="29100", categorie="psychologie")
    assert "près de Douarnenez (29)" in html
    assert "Vous cherchiez plutôt :" in html
    assert ">Kerlaz</a>" in html
    assert "commune=Kerlaz+%2829%29" in html and "categorie=psychologie" in html


def test_a_name_shared_by_two_communes_asks_which_one_with_their_departements(client: Client) -> None:
    html = page(client, commune="Plouhinec")
    assert "Plusieurs communes s'appellent « Plouhinec » : choisissez la vôtre." in html
    assert "Plouhinec, Finistère (29)" in html and "Plouhinec, Morbihan (56)" in html
    assert "offres trouvées" not in html


def test_typing_a_prefix_gives_the_same_results_as_its_first_suggestion(client: Client) -> None:
    OfferFactory(title="À Quimper", commune=commune("29232"))
    typed = client.get("/", {"commune": "quimp"})
    picked = client.get("/", {"commune": "Quimper (29)"})
    assert [c.pk for c in typed.context["cards"]] == [c.pk for c in picked.context["cards"]] != []


def test_the_default_radius_from_settings_is_the_one_the_query_uses(client: Client, settings) -> None:
    settings.DEFAULT_RADIUS_KM = 30
    OfferFactory(title="À Concarneau", commune=commune("29039"))  # about 20-25 km from Quimper
    response = client.get("/", {"commune": "Quimper (29)"})
    html = htmllib.unescape(response.content.decode())
    assert '<option value="30" selected>30 km</option>' in html
    assert response.context["criteria"].radius_km == 30
    assert "dans un rayon de 30 km" in html
