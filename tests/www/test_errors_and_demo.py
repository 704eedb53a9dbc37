"""French error pages in the site's layout, the favicon, the demo banner."""

import pytest
from django.test import Client

from annuaire.directory import fictitious
from tests.directory.factories import OfferFactory, StructureFactory

pytestmark = pytest.mark.django_db


def test_a_missing_page_answers_in_french_in_the_site_layout(client: Client) -> None:
    response = client.get("/cette-page-n-existe-pas/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Cette page n&#x27;existe pas" in html or "Cette page n'existe pas" in html
    assert '<html lang="fr">' in html and 'class="site-header"' in html
    assert "Not Found" not in html


def test_the_server_error_page_is_french_and_needs_no_database() -> None:
    from annuaire.www.views.errors import server_error

    response = server_error(None)  # type: ignore[arg-type]
    assert response.status_code == 500
    assert "Le site a rencontré un problème" in response.content.decode()


def test_the_favicon_is_served_at_the_root(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"


def test_every_page_says_when_the_data_is_fictitious(client: Client) -> None:
    offer = OfferFactory(structure=StructureFactory(email=f"contact@exemple.{fictitious.FICTITIOUS_DOMAIN}"))
    fictitious.remember(fictitious.fictitious_structures().exists())
    for url in ["/", "/soins-de-support/", offer.get_absolute_url(), "/fiche-orientation/", "/nulle-part/"]:
        assert "Site de démonstration : données fictives" in client.get(url).content.decode(), url


def test_no_banner_without_demo_data(client: Client) -> None:
    OfferFactory()
    fictitious.remember(fictitious.fictitious_structures().exists())
    assert "Site de démonstration" not in client.get("/").content.decode()


def test_an_expired_form_is_explained_in_french() -> None:
    offer = OfferFactory()
    response = Client(enforce_csrf_checks=True).post("/fiche-orientation/ajouter/", {"offre": str(offer.pk)})
    assert response.status_code == 403
    assert "Ce formulaire a expiré" in response.content.decode()
