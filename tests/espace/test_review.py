"""Coordinators review offers in the back office: queue, review screen, decisions, bulk."""

from typing import Any

import pytest

from annuaire.directory.enums import PublicationStatus as S
from annuaire.directory.enums import StructureKind
from annuaire.directory.models import Offer, PublicationEvent
from tests.directory.factories import OfferFactory, StructureFactory
from tests.espace.conftest import client_for
from tests.geo.factories import QUIMPER, commune

pytestmark = pytest.mark.django_db


def test_the_queue_lists_what_waits_for_me_only(people: dict[str, Any], waiting_offer: Offer) -> None:
    OfferFactory(structure=StructureFactory(commune=commune("56260")), status=S.TERRITORIAL_REVIEW, title="Vannes")
    page = client_for(people["dac-29"]).get("/espace/a-valider/").content.decode()
    assert "Yoga doux" in page and "Vannes" not in page
    assert "Yoga doux" not in client_for(people["dac-56"]).get("/espace/a-valider/").content.decode()


def test_the_review_screen_shows_warnings_and_who_may_deliver_the_care(people: dict[str, Any]) -> None:
    ligue = StructureFactory(commune=commune(QUIMPER), kind=StructureKind.LIGUE)
    offer = OfferFactory(
        structure=ligue,
        status=S.TERRITORIAL_REVIEW,
        subcategory_codes=["consultation-psychologue"],
        appointment_delay_days=45,
    )
    page = client_for(people["dac-29"]).get(f"/espace/offres/{offer.pk}/").content.decode()
    assert "45 jours" in page and "un mois au plus" in page
    assert "Peuvent le délivrer" in page and "Psychologue" in page
    assert "Valider (niveau territorial)" in page


def test_a_coordinator_approves_then_the_region_publishes(people: dict[str, Any], waiting_offer: Offer) -> None:
    url = f"/espace/offres/{waiting_offer.pk}/decision/"
    assert client_for(people["dac-29"]).post(url, {"action": "valider-territoire"}).status_code == 302
    assert Offer.objects.get(pk=waiting_offer.pk).status == S.REGIONAL_REVIEW
    client_for(people["region-53"]).post(url, {"action": "valider-region"})
    assert Offer.objects.get(pk=waiting_offer.pk).is_published


def test_sending_back_without_a_comment_is_refused_with_a_french_message(
    people: dict[str, Any], waiting_offer: Offer
) -> None:
    client = client_for(people["dac-29"])
    url = f"/espace/offres/{waiting_offer.pk}/decision/"
    page = client.post(url, {"action": "renvoyer"}, follow=True).content.decode()
    assert "Écrivez un commentaire" in page
    client.post(url, {"action": "renvoyer", "commentaire": "Précisez les horaires."})
    assert Offer.objects.get(pk=waiting_offer.pk).status == S.RETURNED
    assert PublicationEvent.objects.for_offer(waiting_offer.pk).last().comment == "Précisez les horaires."


def test_the_back_office_refuses_to_approve_reflexology_at_an_ordinary_association(people: dict[str, Any]) -> None:
    association = StructureFactory(commune=commune(QUIMPER), kind=StructureKind.ASSOCIATION)
    offer = OfferFactory(structure=association, status=S.TERRITORIAL_REVIEW, subcategory_codes=["reflexologie"])
    page = client_for(people["dac-29"]).post(
        f"/espace/offres/{offer.pk}/decision/", {"action": "valider-territoire"}, follow=True
    )
    assert "association reconnue" in page.content.decode()
    assert Offer.objects.get(pk=offer.pk).status == S.TERRITORIAL_REVIEW


def test_bulk_approval_of_the_selected_offers(people: dict[str, Any], waiting_offer: Offer) -> None:
    others = [
        OfferFactory(structure=waiting_offer.structure, status=S.TERRITORIAL_REVIEW, title=f"Séance {n}")
        for n in range(3)
    ]
    elsewhere = OfferFactory(structure=StructureFactory(commune=commune("56260")), status=S.TERRITORIAL_REVIEW)
    chosen = [waiting_offer, *others[:2], elsewhere]
    response = client_for(people["dac-29"]).post(
        "/espace/a-valider/valider-la-selection/", {"offres": [o.pk for o in chosen]}, follow=True
    )
    assert "3 offre(s) validée(s)" in response.content.decode()
    assert Offer.objects.filter(status=S.REGIONAL_REVIEW).count() == 3
    assert Offer.objects.get(pk=elsewhere.pk).status == S.TERRITORIAL_REVIEW
    assert Offer.objects.get(pk=others[2].pk).status == S.TERRITORIAL_REVIEW
