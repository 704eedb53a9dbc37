"""`Offer.is_public` (docs/adr/0036): kept by the database, it follows every publication
transition of an offer and of its structure, so that the public search reads it alone."""

import pytest

from annuaire.accounts.access import actor_for
from annuaire.accounts.models import RoleKind
from annuaire.directory import publication
from annuaire.directory.enums import PublicationStatus as S
from annuaire.directory.models import Offer, Structure
from annuaire.directory.publication import SYSTEM, Action
from annuaire.directory.publication.actors import Actor
from annuaire.directory.publication.revisions import copied_fields
from annuaire.directory.publication.rules import OFFER, TRANSITIONS, Level, Transition
from annuaire.directory.publication.seeding import path_to
from tests.accounts.factories import coordinator, referent, regional_admin
from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import BREST, commune

pytestmark = pytest.mark.django_db


def visible_ids() -> set[int]:
    return set(Offer.objects.filter(is_public=True).values_list("pk", flat=True))


def published_with_their_structure() -> set[int]:
    rows = Offer.objects.filter(status=S.PUBLISHED, structure__status=S.PUBLISHED)
    return set(rows.values_list("pk", flat=True))


def actor_for_rule(rule: Transition, structure: Structure) -> Actor:
    if Level.REGIONAL in rule.levels:
        return actor_for(regional_admin())
    if Level.TERRITORIAL in rule.levels:
        return actor_for(coordinator(RoleKind.COORDINATOR_DAC, departements=structure.commune.departement_id))
    if Level.STRUCTURE in rule.levels:
        return actor_for(referent(structure))
    return SYSTEM


def reachable(kind: str, status: str) -> bool:
    """A row can be in `status` (some statuses are only an offer's)."""
    try:
        path_to(kind, status)
    except ValueError:
        return False
    return True


EVERY_MOVE = [
    (kind, rule, source)
    for rule in TRANSITIONS
    if rule.action != Action.PUBLISH_WITH_FIRST_OFFER
    for kind in sorted(rule.kinds)
    for source in sorted(rule.sources)
    if reachable(kind, source)
]


@pytest.mark.parametrize(
    ("kind", "rule", "source"),
    EVERY_MOVE,
    ids=[f"{kind}-{rule.action}-{source}" for kind, rule, source in EVERY_MOVE],
)
def test_the_flag_follows_every_transition(kind: str, rule: Transition, source: str) -> None:
    if kind == OFFER:
        structure = StructureFactory()
        target: Offer | Structure = OfferFactory(structure=structure, status=source)
        OfferFactory(structure=structure)  # a published neighbour, untouched
    else:
        structure = target = StructureFactory(status=source)
        OfferFactory(structure=structure)
        OfferFactory(structure=structure, status=S.SUSPENDED)
    OfferFactory()  # elsewhere
    publication.transition(target, rule.action, actor_for_rule(rule, structure), comment="Pour le test.")
    assert visible_ids() == published_with_their_structure()


def test_a_published_offer_of_an_unpublished_structure_is_not_public() -> None:
    structure = StructureFactory(status=S.DRAFT)
    offer = OfferFactory(structure=structure)
    assert offer.pk not in visible_ids()
    assert not Offer.objects.published().filter(pk=offer.pk).exists()


def test_the_first_offer_approved_publishes_its_structure_and_both_become_public() -> None:
    structure = StructureFactory(status=S.DRAFT)
    offer = OfferFactory(structure=structure, status=S.REGIONAL_REVIEW)
    publication.transition(offer, Action.APPROVE_REGIONAL, actor_for(regional_admin()))
    assert offer.pk in visible_ids() == published_with_their_structure()


def test_a_suspended_structure_hides_its_offers_and_reinstated_shows_them_again() -> None:
    structure = StructureFactory()
    shown, ended = OfferFactory(structure=structure), OfferFactory(structure=structure, status=S.ENDED)
    region = actor_for(regional_admin())
    publication.transition(structure, Action.SUSPEND, region, comment="Fermée pour travaux.")
    assert visible_ids() == set()
    publication.transition(structure, Action.REINSTATE, region, comment="Rouverte.")
    assert visible_ids() == {shown.pk}
    assert ended.pk not in visible_ids()


def test_an_offer_moved_to_another_structure_takes_that_structures_visibility() -> None:
    hidden = StructureFactory(commune=commune(BREST), status=S.SUSPENDED)
    offer = OfferFactory()
    Offer.objects.filter(pk=offer.pk).update(structure=hidden)
    assert visible_ids() == set()
    offer.refresh_from_db()
    offer.structure = StructureFactory()
    offer.save()
    assert visible_ids() == {offer.pk}


def test_a_save_cannot_write_a_wrong_flag() -> None:
    offer = OfferFactory(status=S.SUSPENDED)
    offer.is_public = True
    offer.save()
    Offer.objects.filter(pk=offer.pk).update(is_public=True)
    assert visible_ids() == set()


def test_a_revision_is_never_public_and_its_published_original_stays_public() -> None:
    offer = OfferFactory()
    revision = publication.start_revision(offer, actor_for(referent(offer.structure)))
    assert visible_ids() == {offer.pk}
    assert revision.pk not in visible_ids()
    assert "is_public" not in copied_fields()  # a review never sees it as a change
