"""Pilot territories: the regional administrator opens and closes applications, in their region only."""

from __future__ import annotations

import pytest
from django.test import Client

from annuaire.applications.models import PilotTerritory
from annuaire.applications.models.territory import applications_are_open
from tests.accounts.factories import coordinator, regional_admin, with_totp
from tests.applications.factories import page
from tests.geo.factories import BREST, QUIMPER, RENNES, commune

pytestmark = pytest.mark.django_db


def test_the_regional_administrator_opens_a_departement(client: Client) -> None:
    client.force_login(with_totp(regional_admin("53")))

    response = client.post("/espace/candidatures/territoires/", {"departement": "29"}, follow=True)

    assert "Les candidatures sont ouvertes sur Finistère (29)" in page(response)
    assert applications_are_open(commune(BREST))
    assert not applications_are_open(commune(RENNES))


def test_the_regional_administrator_opens_a_single_commune(client: Client) -> None:
    client.force_login(with_totp(regional_admin("53")))

    client.post("/espace/candidatures/territoires/", {"commune": "Quimper (29)"})

    assert applications_are_open(commune(QUIMPER))
    assert not applications_are_open(commune(BREST))


def test_closing_keeps_the_history_and_stops_new_applications(client: Client) -> None:
    admin = with_totp(regional_admin("53"))
    territory = PilotTerritory.objects.create(departement_id="29", opened_by=admin)
    client.force_login(admin)

    client.post(f"/espace/candidatures/territoires/{territory.pk}/fermer/")

    territory.refresh_from_db()
    assert territory.closed_at is not None
    assert territory.closed_by == admin
    assert not applications_are_open(commune(BREST))
    assert "fermé le" in page(client.get("/espace/candidatures/territoires/"))


def test_a_territory_of_another_region_cannot_be_opened(client: Client) -> None:
    client.force_login(with_totp(regional_admin("52")))

    response = client.post("/espace/candidatures/territoires/", {"departement": "29"})

    assert "pas dans votre région" in page(response)
    assert not PilotTerritory.objects.exists()


def test_opening_an_open_territory_twice_is_refused(client: Client) -> None:
    client.force_login(with_totp(regional_admin("53")))
    client.post("/espace/candidatures/territoires/", {"departement": "29"})

    response = client.post("/espace/candidatures/territoires/", {"departement": "29"})

    assert "déjà ouvertes sur Finistère (29)" in page(response)
    assert PilotTerritory.objects.count() == 1


def test_choosing_both_or_neither_is_explained(client: Client) -> None:
    client.force_login(with_totp(regional_admin("53")))

    neither = client.post("/espace/candidatures/territoires/", {})
    both = client.post("/espace/candidatures/territoires/", {"departement": "29", "commune": "Rennes (35)"})

    for response in (neither, both):
        assert "Choisissez soit un département, soit une commune" in page(response)
    assert not PilotTerritory.objects.exists()


def test_coordinators_cannot_open_territories(client: Client) -> None:
    territory = PilotTerritory.objects.create(departement_id="35")
    client.force_login(with_totp(coordinator(departements="35")))

    assert client.get("/espace/candidatures/territoires/").status_code == 404
    assert client.post(f"/espace/candidatures/territoires/{territory.pk}/fermer/").status_code == 404
    assert client.post("/espace/candidatures/territoires/", {"departement": "29"}).status_code == 404


def test_another_region_s_territory_cannot_be_closed(client: Client) -> None:
    territory = PilotTerritory.objects.create(departement_id="35")
    client.force_login(with_totp(regional_admin("52")))

    assert client.post(f"/espace/candidatures/territoires/{territory.pk}/fermer/").status_code == 404
    territory.refresh_from_db()
    assert territory.closed_at is None


def test_anonymous_visitors_are_sent_to_the_login_page(client: Client) -> None:
    assert client.get("/espace/candidatures/territoires/").status_code == 302
