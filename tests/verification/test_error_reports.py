"""'Signaler une erreur': on every offer page, to the territory's queue, the structure told;
robots stopped by a honeypot and a limit per address."""

import html
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from annuaire.directory.models import Offer
from annuaire.verification.models import ErrorReport
from annuaire.verification.reports import REPORTS_PER_HOUR
from tests.accounts.factories import coordinator, referent, with_totp
from tests.verification.conftest import listed
from tests.verification.helpers import sent


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


@pytest.fixture
def offer(db: Any) -> Offer:
    found = Offer.objects.filter(structure=listed("Association", date(2026, 6, 1), offers=1)).get()
    return found


def report_url(offer: Offer) -> str:
    return reverse("verification_public:report_error", kwargs={"pk": offer.pk})


def test_every_offer_page_has_the_form(client: Client, offer: Offer) -> None:
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "Signaler une erreur" in page
    assert f'action="{report_url(offer)}"' in page


def test_a_report_lands_in_the_territory_queue_and_the_structure_is_told(
    client: Client, offer: Offer, territory: dict[str, User]
) -> None:
    person = referent(offer.structure)
    response = client.post(report_url(offer), {"quoi": "Le numéro ne répond plus.", "contact": ""})
    assert response.status_code == 302
    assert "Merci, votre signalement est envoyé" in client.get(response["Location"]).content.decode()

    report = ErrorReport.objects.get()
    assert (report.offer, report.what) == (offer, "Le numéro ne répond plus.")
    assert {to for to, _subject in sent()} == {territory["dac"].email, person.email}

    queue = Client()
    queue.force_login(territory["dac"])
    assert "Le numéro ne répond plus." in queue.get(reverse("verification:reports")).content.decode()
    elsewhere = Client()
    elsewhere.force_login(with_totp(coordinator(departements="56")))
    assert "Le numéro ne répond plus." not in elsewhere.get(reverse("verification:reports")).content.decode()

    queue.post(reverse("verification:report_handled", kwargs={"pk": report.pk}))
    assert ErrorReport.objects.open().count() == 0


def test_a_robot_filling_the_honeypot_saves_nothing(client: Client, offer: Offer) -> None:
    response = client.post(report_url(offer), {"quoi": "Achetez !", "site_web": "http://spam.example"})
    assert response.status_code == 400
    assert ErrorReport.objects.count() == 0 and sent() == []


def test_an_empty_report_gets_a_french_message(client: Client, offer: Offer) -> None:
    response = client.post(report_url(offer), {"quoi": "  "})
    assert response.status_code == 400
    assert "Dites-nous ce qui est inexact." in html.unescape(response.content.decode())


def test_too_many_reports_from_one_address_are_refused(client: Client, offer: Offer) -> None:
    for _ in range(REPORTS_PER_HOUR):
        assert client.post(report_url(offer), {"quoi": "Erreur"}).status_code == 302
    refused = client.post(report_url(offer), {"quoi": "Encore"})
    assert refused.status_code == 429
    assert "réessayer dans une heure" in html.unescape(refused.content.decode())
    assert ErrorReport.objects.count() == REPORTS_PER_HOUR


def test_an_unpublished_offer_cannot_be_reported(client: Client, db: Any) -> None:
    assert client.post("/offres/999999/signaler-une-erreur/", {"quoi": "x"}).status_code == 404
