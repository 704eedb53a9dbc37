"""Temporary closures and notices: shown on public pages between their dates, expiring by
themselves; an offer closed today is marked in the results and can be left out."""

import html
from datetime import date, timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from annuaire.directory.models import Notice, NoticeKind, Offer
from tests.accounts.factories import referent
from tests.verification.conftest import listed


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def offers_of(name: str) -> list[Offer]:
    structure = listed(name, timezone.localdate() - timedelta(days=30))
    return list(Offer.objects.filter(structure=structure).order_by("title"))


def closure(offer: Offer | None, structure_pk: int, start: date, end: date, kind: str = NoticeKind.HOLIDAYS) -> Notice:
    return Notice.objects.create(
        structure_id=structure_pk, offer=offer, kind=kind, starts_on=start, ends_on=end, message="Retour le lundi."
    )


def test_a_notice_shows_between_its_dates_and_then_expires_by_itself(client: Client, db: Any) -> None:
    offer = offers_of("Association")[0]
    today = timezone.localdate()
    closure(offer, offer.structure_id, today - timedelta(days=2), today + timedelta(days=3))
    closure(offer, offer.structure_id, today - timedelta(days=20), today - timedelta(days=1), NoticeKind.MOVED)

    page = text(client.get(offer.get_absolute_url()))
    assert "Fermeture pour congés" in page and "Retour le lundi." in page
    assert "Déménagement" not in page


def test_an_offer_closed_today_is_marked_in_the_results_and_can_be_left_out(client: Client, db: Any) -> None:
    closed, still_open = offers_of("Association")
    other_structure = offers_of("Structure fermée")
    today = timezone.localdate()
    closure(closed, closed.structure_id, today, today)
    closure(None, other_structure[0].structure_id, today - timedelta(days=1), today + timedelta(days=1))
    closure(still_open, still_open.structure_id, today, today, NoticeKind.FULL)

    page = text(client.get(reverse("www:search"), {"commune": "Quimper"}))
    assert page.count("Fermé aujourd'hui") == 3

    ids = {o["id"] for o in client.get("/api/v1/offres", {"ouvert": "true", "taille": "100"}).json()["results"]}
    assert ids == {still_open.pk}
    only_open = text(client.get(reverse("www:search"), {"commune": "Quimper", "ouvert": "1"}))
    assert "Fermé aujourd'hui" not in only_open and still_open.title in only_open


def test_the_structure_adds_a_notice_from_its_back_office_page(db: Any) -> None:
    offer = offers_of("Association")[0]
    client = Client()
    client.force_login(referent(offer.structure))
    url = reverse("verification:add_notice", kwargs={"pk": offer.structure_id})
    today = timezone.localdate()

    wrong = client.post(url, {"kind": "conges", "starts_on": today.isoformat(), "ends_on": "2000-01-01"}, follow=True)
    assert "La date de fin doit suivre la date de début." in text(wrong)
    assert Notice.objects.count() == 0

    client.post(url, {"offer": offer.pk, "kind": "complet", "starts_on": today, "ends_on": today + timedelta(days=9)})
    notice = Notice.objects.get()
    assert (notice.offer, notice.kind, notice.structure_id) == (offer, "complet", offer.structure_id)


def test_a_withdrawn_notice_leaves_the_public_pages_and_is_kept(client: Client, db: Any) -> None:
    offer = offers_of("Association")[0]
    today = timezone.localdate()
    notice = closure(offer, offer.structure_id, today - timedelta(days=2), today + timedelta(days=3))
    back_office = Client()
    back_office.force_login(referent(offer.structure))

    back_office.post(reverse("verification:remove_notice", kwargs={"pk": notice.pk}))

    assert "Fermeture pour congés" not in text(client.get(offer.get_absolute_url()))
    notice.refresh_from_db()
    assert notice.ends_on == today - timedelta(days=1)
