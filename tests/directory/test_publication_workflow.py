"""The publication workflow: two levels of review, who may act, dates and journal."""

import pytest
from django.utils import timezone

from annuaire.accounts.access import actor_for
from annuaire.accounts.models import RoleKind
from annuaire.directory import publication
from annuaire.directory.enums import PublicationStatus as S
from annuaire.directory.enums import StructureKind
from annuaire.directory.models import Offer, PublicationEvent
from annuaire.directory.publication import SYSTEM, Action
from tests.accounts.factories import coordinator, referent, regional_admin
from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import QUIMPER, VANNES, commune

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> dict:
    structure = StructureFactory(commune=commune(QUIMPER), status=S.DRAFT)
    return {
        "structure": structure,
        "referent": actor_for(referent(structure)),
        "dac": actor_for(coordinator(RoleKind.COORDINATOR_DAC, departements="29")),
        "3c": actor_for(coordinator(RoleKind.COORDINATOR_3C, departements="29")),
        "morbihan": actor_for(coordinator(RoleKind.COORDINATOR_DAC, departements="56")),
        "region": actor_for(regional_admin()),
    }


def test_an_offer_goes_through_both_levels_then_is_published_with_its_structure(people: dict) -> None:
    offer = OfferFactory(structure=people["structure"], status=S.DRAFT)
    publication.transition(offer, Action.SUBMIT, people["referent"])
    assert offer.status == S.TERRITORIAL_REVIEW
    publication.transition(offer, Action.APPROVE_TERRITORIAL, people["dac"])
    assert offer.status == S.REGIONAL_REVIEW and offer.published_at is None
    publication.transition(offer, Action.APPROVE_REGIONAL, people["region"])
    offer.refresh_from_db()
    assert offer.status == S.PUBLISHED and offer.published_at and offer.last_verified_at == timezone.localdate()
    assert offer.is_published and offer.structure.status == S.PUBLISHED
    journal = list(PublicationEvent.objects.for_offer(offer.pk))
    assert [(e.from_status, e.to_status) for e in journal] == [
        (S.DRAFT, S.TERRITORIAL_REVIEW),
        (S.TERRITORIAL_REVIEW, S.REGIONAL_REVIEW),
        (S.REGIONAL_REVIEW, S.PUBLISHED),
    ]
    assert journal[1].actor == people["dac"].user
    structure_journal = PublicationEvent.objects.for_structure(offer.structure_id)
    assert [e.action for e in structure_journal] == [Action.PUBLISH_WITH_FIRST_OFFER]


def test_nobody_skips_a_level(people: dict) -> None:
    offer = OfferFactory(structure=people["structure"], status=S.TERRITORIAL_REVIEW)
    with pytest.raises(publication.TransitionNotAllowed):
        publication.transition(offer, Action.APPROVE_REGIONAL, people["region"])
    with pytest.raises(publication.TransitionNotAllowed, match="rôle ou le territoire"):
        publication.transition(offer, Action.APPROVE_TERRITORIAL, people["region"])
    draft = OfferFactory(structure=people["structure"], status=S.DRAFT)
    with pytest.raises(publication.TransitionNotAllowed):
        publication.transition(draft, Action.APPROVE_TERRITORIAL, people["dac"])
    assert Offer.objects.get(pk=offer.pk).status == S.TERRITORIAL_REVIEW


def test_only_the_right_coordinator_of_the_right_territory_approves(people: dict) -> None:
    offer = OfferFactory(structure=people["structure"], status=S.TERRITORIAL_REVIEW)
    for intruder in ("referent", "3c", "morbihan"):
        with pytest.raises(publication.TransitionNotAllowed):
            publication.transition(offer, Action.APPROVE_TERRITORIAL, people[intruder])
    hospital = StructureFactory(commune=commune(QUIMPER), kind=StructureKind.ETABLISSEMENT_SANTE)
    clinic_offer = OfferFactory(structure=hospital, status=S.TERRITORIAL_REVIEW)
    with pytest.raises(publication.TransitionNotAllowed):
        publication.transition(clinic_offer, Action.APPROVE_TERRITORIAL, people["dac"])
    publication.transition(clinic_offer, Action.APPROVE_TERRITORIAL, people["3c"])
    assert clinic_offer.status == S.REGIONAL_REVIEW


def test_sending_back_needs_a_comment_and_returns_the_offer_to_its_structure(people: dict) -> None:
    offer = OfferFactory(structure=people["structure"], status=S.REGIONAL_REVIEW)
    with pytest.raises(publication.TransitionNotAllowed, match="commentaire"):
        publication.transition(offer, Action.SEND_BACK, people["region"], "  ")
    publication.transition(offer, Action.SEND_BACK, people["region"], "Précisez le tarif des séances.")
    assert offer.status == S.RETURNED
    assert PublicationEvent.objects.for_offer(offer.pk).last().comment == "Précisez le tarif des séances."
    publication.transition(offer, Action.SUBMIT, people["referent"])
    assert offer.status == S.TERRITORIAL_REVIEW


def test_an_invalid_offer_cannot_be_submitted_or_approved(people: dict) -> None:
    structure = StructureFactory(commune=commune(QUIMPER), kind=StructureKind.ASSOCIATION)
    offer = OfferFactory(structure=structure, status=S.DRAFT, subcategory_codes=["reflexologie"])
    with pytest.raises(publication.InvalidOffer, match="association reconnue"):
        publication.transition(offer, Action.SUBMIT, actor_for(referent(structure)))
    assert Offer.objects.get(pk=offer.pk).status == S.DRAFT


def test_the_region_suspends_ends_and_reinstates_with_a_written_reason(people: dict) -> None:
    offer = OfferFactory(structure=StructureFactory(commune=commune(VANNES)))
    published_at = offer.published_at
    with pytest.raises(publication.TransitionNotAllowed):
        publication.transition(offer, Action.SUSPEND, people["region"])
    publication.transition(offer, Action.SUSPEND, people["region"], "Décision du comité d'éthique.")
    assert offer.status == S.SUSPENDED and not Offer.objects.published().filter(pk=offer.pk).exists()
    publication.transition(offer, Action.END, people["region"], "Fin d'activité.")
    publication.transition(offer, Action.REINSTATE, people["region"], "Reprise d'activité.")
    offer.refresh_from_db()
    assert offer.status == S.PUBLISHED and offer.published_at == published_at
    assert Offer.objects.filter(pk=offer.pk).exists()  # ending hides, never deletes


def test_the_yearly_cycle_delists_as_the_system(people: dict) -> None:
    offer = OfferFactory(structure=people["structure"])
    publication.transition(offer, Action.DELIST, SYSTEM, "Données non confirmées depuis deux mois.")
    event = PublicationEvent.objects.for_offer(offer.pk).last()
    assert offer.status == S.DELISTED and event.actor is None and event.actor_label == SYSTEM.label
    with pytest.raises(publication.TransitionNotAllowed):
        publication.transition(offer, Action.REINSTATE, SYSTEM, "non")


def test_a_regional_import_lands_in_regional_review(people: dict) -> None:
    offer = OfferFactory(structure=people["structure"], status=S.DRAFT)
    with pytest.raises(publication.TransitionNotAllowed):
        publication.transition(offer, Action.SUBMIT_REGIONAL, people["dac"])
    publication.transition(offer, Action.SUBMIT_REGIONAL, people["region"])
    assert offer.status == S.REGIONAL_REVIEW


def test_the_actions_offered_are_those_the_actor_may_make(people: dict) -> None:
    offer = OfferFactory(structure=people["structure"], status=S.TERRITORIAL_REVIEW)
    assert {t.action for t in publication.allowed_actions(offer, people["dac"])} == {
        Action.APPROVE_TERRITORIAL,
        Action.SEND_BACK,
    }
    assert {t.action for t in publication.allowed_actions(offer, people["referent"])} == {Action.WITHDRAW}
    assert publication.allowed_actions(offer, people["morbihan"]) == []


def test_bulk_approval_reports_each_refusal_and_approves_the_rest(people: dict) -> None:
    good = [OfferFactory(structure=people["structure"], status=S.TERRITORIAL_REVIEW) for _ in range(3)]
    elsewhere = OfferFactory(structure=StructureFactory(commune=commune(VANNES)), status=S.TERRITORIAL_REVIEW)
    outcome = publication.bulk_transition([*good, elsewhere], Action.APPROVE_TERRITORIAL, people["dac"])
    assert outcome.done == good
    assert [o for o, _message in outcome.refused] == [elsewhere]
    assert Offer.objects.filter(status=S.REGIONAL_REVIEW).count() == 3
