"""Changing a published offer: small corrections at once, the rest reviewed while the
published version stays visible (annuaire.directory.publication.revisions)."""

import pytest
from django.core.exceptions import ValidationError

from annuaire.accounts.access import actor_for
from annuaire.accounts.models import RoleKind
from annuaire.directory import publication
from annuaire.directory.enums import PublicationStatus as S
from annuaire.directory.models import Offer, PublicationEvent
from annuaire.directory.publication import Action
from annuaire.directory.publication.revisions import characters_changed, is_direct_correction
from tests.accounts.factories import coordinator, referent, regional_admin
from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import QUIMPER, commune
from tests.taxonomy.factories import subcategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer() -> Offer:
    return OfferFactory(
        structure=StructureFactory(commune=commune(QUIMPER)),
        title="Consultations de psychologue",
        description="Des entretiens pour parler de ce que vous vivez.",
        contact_phone="02 98 00 00 00",
    )


def test_a_phone_number_and_a_typo_apply_at_once(offer: Offer) -> None:
    editor = actor_for(referent(offer.structure))
    pending = publication.propose_changes(
        offer, {"contact_phone": "02 98 11 11 11", "title": "Consultations de psychologues"}, editor
    )
    assert pending is None
    offer.refresh_from_db()
    assert offer.contact_phone == "02 98 11 11 11" and offer.title == "Consultations de psychologues"
    assert offer.status == S.PUBLISHED


def test_a_change_of_substance_is_reviewed_while_the_published_version_stays_visible(offer: Offer) -> None:
    editor = actor_for(referent(offer.structure))
    new_text = "Des consultations individuelles et des groupes de parole, sur rendez-vous."
    revision = publication.propose_changes(offer, {"description": new_text, "contact_phone": "02 98 22 22 22"}, editor)
    assert revision is not None and revision.revision_of == offer and revision.status == S.DRAFT
    offer.refresh_from_db()
    assert offer.description != new_text and offer.contact_phone == "02 98 22 22 22"  # phone applied at once
    assert Offer.objects.published().filter(pk=offer.pk).exists()
    assert not Offer.objects.published().filter(pk=revision.pk).exists()
    assert list(Offer.objects.originals()) == [offer]

    publication.transition(revision, Action.SUBMIT, editor)
    publication.transition(revision, Action.APPROVE_TERRITORIAL, actor_for(coordinator(RoleKind.COORDINATOR_DAC, "29")))
    publication.transition(revision, Action.APPROVE_REGIONAL, actor_for(regional_admin()))
    offer.refresh_from_db()
    assert offer.description == new_text and offer.status == S.PUBLISHED
    assert not Offer.objects.filter(pk=revision.pk).exists()
    assert [e.action for e in PublicationEvent.objects.for_offer(offer.pk)][-3:] == [
        Action.SUBMIT,
        Action.APPROVE_TERRITORIAL,
        Action.APPROVE_REGIONAL,
    ]


def test_changing_the_care_offered_is_always_reviewed(offer: Offer) -> None:
    editor = actor_for(referent(offer.structure))
    revision = publication.propose_changes(
        offer, {}, editor, subcategories=[subcategory("consultation-psychologue"), subcategory("therapie-familiale")]
    )
    assert revision is not None
    assert {s.code for s in revision.subcategories.all()} == {"consultation-psychologue", "therapie-familiale"}
    assert {s.code for s in offer.subcategories.all()} == {"consultation-psychologue"}


def test_an_invalid_change_is_refused_and_changes_nothing(offer: Offer) -> None:
    editor = actor_for(referent(offer.structure))
    with pytest.raises(ValidationError):
        publication.propose_changes(
            offer,
            {"category": subcategory("reflexologie").category},
            editor,
            subcategories=[subcategory("reflexologie")],
        )
    assert not Offer.objects.filter(revision_of=offer).exists()


def test_only_people_of_the_structure_or_its_coordinators_may_edit(offer: Offer) -> None:
    with pytest.raises(publication.TransitionNotAllowed):
        publication.propose_changes(
            offer, {"description": "Autre"}, actor_for(coordinator(RoleKind.COORDINATOR_DAC, "56"))
        )


def test_what_counts_as_a_typo() -> None:
    assert characters_changed("psychologue", "psycholgue") == 1
    assert is_direct_correction("description", "Séances de yoga", "Séances de yoga.")
    assert not is_direct_correction("description", "Séances de yoga", "Séances de tai-chi")
    assert is_direct_correction("contact_phone", "02 98 00 00 00", "06 00 00 00 00")
    assert not is_direct_correction("cost", "gratuit", "reste-a-charge")
