"""The charter and the terms of use are public, versioned pages."""

from __future__ import annotations

import pytest
from django.test import Client

from annuaire.applications import legal
from annuaire.applications.enums import LegalTextKind
from tests.applications.factories import page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("path", "kind"), [("/charte/", LegalTextKind.CHARTER), ("/conditions-utilisation/", "cgu")])
def test_each_text_shows_its_version_and_date(client: Client, path: str, kind: str) -> None:
    current = legal.current(kind)

    text = page(client.get(path))

    assert f"Version {current.version} du 1 décembre 2026" in text or f"Version {current.version} du 1er" in text
    assert client.get(f"{path}version-{current.version}/").status_code == 200


def test_an_unknown_version_is_a_404(client: Client) -> None:
    assert client.get("/charte/version-99/").status_code == 404


def test_the_charter_carries_the_commitments_of_annexe_5(client: Client) -> None:
    text = page(client.get("/charte/"))

    assert "un mois au plus" in text
    assert "dérive sectaire" in text
    assert "n'est en aucun cas une labellisation" in text


def test_the_terms_state_the_yearly_check_the_delisting_and_personal_data(client: Client) -> None:
    text = page(client.get("/conditions-utilisation/"))

    assert "chaque année" in text
    assert "Sans confirmation dans les deux mois, la structure est retirée de l'annuaire public" in text
    assert "Vos données personnelles" in text
    assert "contact-annuaire@example.org" in text
