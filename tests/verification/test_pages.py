"""The back-office pages: the signed link, one-click confirmation, the dashboard, reinstatement."""

import html
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from annuaire.core import published
from annuaire.directory import publication
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, Structure
from annuaire.directory.publication import SYSTEM, Action
from annuaire.verification.links import token_for
from annuaire.verification.models import ReinstatementRequest
from tests.accounts.factories import referent
from tests.verification.conftest import listed


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def year_ago() -> date:
    return timezone.localdate() - timedelta(days=400)


def test_the_signed_link_asks_to_log_in_then_opens_the_confirmation_page(db: Any) -> None:
    structure = listed("Association", year_ago())
    link = reverse("verification:link", kwargs={"token": token_for(structure.pk)})

    anonymous = Client().get(link)
    assert anonymous.status_code == 302 and "next=" in anonymous["Location"]

    response = logged_in(referent(structure)).get(link, follow=True)
    assert response.redirect_chain[-1][0] == reverse("verification:structure", kwargs={"pk": structure.pk})
    assert "Rien n'a changé, je confirme « Association – offre 1 »" in text(response)


def test_a_tampered_link_is_refused_with_a_message(db: Any) -> None:
    structure = listed("Association", year_ago())
    link = reverse("verification:link", kwargs={"token": token_for(structure.pk) + "x"})
    response = logged_in(referent(structure)).get(link, follow=True)
    assert "Ce lien n'est plus valable" in text(response)


def test_confirming_each_unchanged_offer_is_one_click_and_confirms_the_structure(db: Any) -> None:
    structure = listed("Association", year_ago())
    client = logged_in(referent(structure))
    first, second = Offer.objects.filter(structure=structure).order_by("title")
    today = timezone.localdate()

    page = client.post(reverse("verification:confirm_offer", kwargs={"pk": first.pk}), follow=True)
    assert "Encore 1 offre à confirmer." in text(page)
    structure.refresh_from_db()
    assert structure.last_verified_at == year_ago()

    page = client.post(reverse("verification:confirm_offer", kwargs={"pk": second.pk}), follow=True)
    assert "confirmées pour un an" in text(page)
    structure.refresh_from_db()
    assert structure.last_verified_at == today
    assert set(Offer.objects.filter(structure=structure).values_list("last_verified_at", flat=True)) == {today}


def test_one_click_confirms_the_whole_structure(db: Any) -> None:
    structure = listed("Association", year_ago(), offers=3)
    logged_in(referent(structure)).post(reverse("verification:confirm_structure", kwargs={"pk": structure.pk}))
    structure.refresh_from_db()
    assert structure.last_verified_at == timezone.localdate()


def test_another_structure_cannot_confirm_and_gets_404(db: Any) -> None:
    structure = listed("Association", year_ago())
    stranger = referent(listed("Autre association", year_ago()))
    offer = Offer.objects.filter(structure=structure).first()
    assert offer is not None
    client = logged_in(stranger)
    assert client.post(reverse("verification:confirm_offer", kwargs={"pk": offer.pk})).status_code == 404
    assert client.get(reverse("verification:structure", kwargs={"pk": structure.pk})).status_code == 404
    offer.refresh_from_db()
    assert offer.last_verified_at == year_ago()


def test_the_dashboard_counts_structures_of_the_territory_by_state(
    territory: dict[str, User], django_assert_max_num_queries: Any
) -> None:
    today = timezone.localdate()
    listed("Fraîche", today - timedelta(days=30))
    listed("Bientôt", today - timedelta(days=340))
    listed("En retard", today - timedelta(days=380))
    gone = listed("Retirée", today - timedelta(days=450))
    publication.transition(gone, Action.DELIST, SYSTEM, "Sans confirmation annuelle.")
    elsewhere = listed("À Rennes", today - timedelta(days=380))
    Structure.objects.filter(pk=elsewhere.pk).update(commune_id="35238")

    client = logged_in(territory["dac"])
    with django_assert_max_num_queries(12):
        page = text(client.get(reverse("verification:dashboard"), {"etat": "en-retard"}))
    assert "En retard" in page and "À Rennes" not in page
    assert "29 – Finistère" in page and "35 – Ille-et-Vilaine" not in page

    region = logged_in(territory["region"]).get(reverse("verification:dashboard"), {"etat": "en-retard"})
    assert "À Rennes" in text(region) and "35 – Ille-et-Vilaine" in text(region)


def test_an_unknown_state_is_a_400_with_a_french_message(territory: dict[str, User]) -> None:
    response = logged_in(territory["dac"]).get(reverse("verification:dashboard"), {"etat": "n'importe"})
    assert response.status_code == 400
    assert "État inconnu" in text(response)


def test_a_delisted_structure_that_confirms_is_reinstated_by_the_region(territory: dict[str, User]) -> None:
    structure = listed("Association", year_ago())
    publication.transition(structure, Action.DELIST, SYSTEM, "Sans confirmation annuelle.")
    for offer in Offer.objects.filter(structure=structure):
        publication.transition(offer, Action.DELIST, SYSTEM, "Sans confirmation annuelle.")
    logged_in(referent(structure)).post(reverse("verification:confirm_structure", kwargs={"pk": structure.pk}))
    request = ReinstatementRequest.objects.get(structure=structure)

    coordinator_page = logged_in(territory["dac"]).get(reverse("verification:reinstatements"))
    assert coordinator_page.status_code == 404
    region = logged_in(territory["region"])
    assert "Association" in text(region.get(reverse("verification:reinstatements")))
    no_comment = region.post(reverse("verification:decide", kwargs={"pk": request.pk}), {"decision": "retablir"})
    assert no_comment.status_code == 302
    structure.refresh_from_db()
    assert structure.status == PublicationStatus.DELISTED

    region.post(
        reverse("verification:decide", kwargs={"pk": request.pk}),
        {"decision": "retablir", "commentaire": "Téléphone vérifié."},
    )
    structure.refresh_from_db()
    assert structure.status == PublicationStatus.PUBLISHED
    assert set(Offer.objects.filter(structure=structure).values_list("status", flat=True)) == {
        PublicationStatus.PUBLISHED
    }


def test_public_pages_say_when_a_check_is_under_way(client: Client, db: Any) -> None:
    structure = listed("Association", timezone.localdate() - timedelta(days=380))
    offer = Offer.objects.filter(structure=structure).first()
    assert offer is not None
    page = text(client.get(offer.get_absolute_url()))
    assert "Informations vérifiées le" in page
    assert "Une nouvelle vérification est en cours" in page
    Offer.objects.filter(pk=offer.pk).update(last_verified_at=timezone.localdate())
    published.changed()  # a bulk update sends no signal: it tells the caches, as the domain does
    assert "Une nouvelle vérification est en cours" not in text(client.get(offer.get_absolute_url()))


def test_the_about_page_quotes_the_calendar_the_code_applies(client: Client, db: Any) -> None:
    page = " ".join(text(client.get("/a-propos/")).split())
    assert "45 jours avant la date anniversaire" in page
    assert "rappels 30, 15 et 7 jours avant cette échéance" in page
    assert "<strong>deux mois après l'échéance</strong>" in page
