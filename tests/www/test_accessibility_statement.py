"""The accessibility statement (RGAA format), linked from the footer of every page."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_links_the_statement_with_its_state_of_conformity(client: Client) -> None:
    for name in ("www:search", "www:about_sos", "www:about_directory"):
        html = client.get(reverse(name)).content.decode()
        assert f'<a href="{reverse("www:accessibility")}">Accessibilité : partiellement conforme</a>' in html


def test_the_statement_says_its_state_what_was_tested_and_how_to_appeal(client: Client, settings: Any) -> None:
    settings.NETWORK_CONTACT_EMAIL = "accessibilite@reseau.example.org"
    html = client.get(reverse("www:accessibility")).content.decode().replace("&nbsp;", " ").replace("&#x27;", "'")
    assert '<h1 id="titre-accessibilite">Déclaration d\'accessibilité</h1>' in html
    assert "<strong>partiellement conforme</strong>" in html and "RGAA), version 4.1.2" in html
    assert "axe-core" in html and "1280 pixels" in html and "320 pixels" in html
    assert "entièrement au clavier" in html
    assert 'href="mailto:accessibilite@reseau.example.org"' in html
    assert "Défenseur des droits" in html
