"""A structure leaves the directory itself (issue 7, point 7): the `quitter` transition."""

import pytest

from annuaire.accounts.access import actor_for
from annuaire.directory import publication
from annuaire.directory.enums import PublicationStatus as S
from annuaire.directory.models import Offer
from annuaire.directory.publication import Action
from tests.accounts.factories import referent, regional_admin
from tests.directory.factories import OfferFactory, StructureFactory

pytestmark = pytest.mark.django_db


def test_a_structure_leaves_with_a_reason_and_only_the_region_brings_it_back() -> None:
    structure = StructureFactory()
    offer = OfferFactory(structure=structure)
    own = actor_for(referent(structure))
    with pytest.raises(publication.TransitionNotAllowed, match="commentaire"):
        publication.transition(structure, Action.LEAVE, own)
    publication.transition(structure, Action.LEAVE, own, "Nous arrêtons cette activité.")
    assert structure.status == S.ENDED and not Offer.objects.published().filter(pk=offer.pk).exists()
    with pytest.raises(publication.TransitionNotAllowed):
        publication.transition(structure, Action.REINSTATE, own, "On revient.")
    publication.transition(structure, Action.REINSTATE, actor_for(regional_admin()), "Reprise d'activité.")
    assert Offer.objects.published().filter(pk=offer.pk).exists()


def test_leaving_is_the_structures_own_decision() -> None:
    structure = StructureFactory()
    region = actor_for(regional_admin())
    assert Action.LEAVE not in [t.action for t in publication.allowed_actions(structure, region)]
    with pytest.raises(publication.TransitionNotAllowed, match="rôle ou le territoire"):
        publication.transition(structure, Action.LEAVE, region, "non")
    other = actor_for(referent(StructureFactory()))
    with pytest.raises(publication.TransitionNotAllowed):
        publication.transition(structure, Action.LEAVE, other, "non")


def test_an_ended_structure_cannot_leave_again() -> None:
    structure = StructureFactory(status=S.ENDED)
    with pytest.raises(publication.TransitionNotAllowed, match="état actuel"):
        publication.transition(structure, Action.LEAVE, actor_for(referent(structure)), "Encore.")
