"""Two coordinators approving the same offer at the same time: one wins, nothing doubled."""

import threading

import pytest
from django.db import connection

from annuaire.accounts.access import actor_for
from annuaire.accounts.models import RoleKind
from annuaire.directory import publication
from annuaire.directory.enums import PublicationStatus as S
from annuaire.directory.models import Offer, PublicationEvent
from annuaire.directory.publication import Action
from tests.accounts.factories import coordinator
from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import QUIMPER, commune


def test_a_stale_page_cannot_approve_twice(db: None) -> None:
    offer = OfferFactory(structure=StructureFactory(commune=commune(QUIMPER)), status=S.TERRITORIAL_REVIEW)
    first, second = Offer.objects.get(pk=offer.pk), Offer.objects.get(pk=offer.pk)
    alice = actor_for(coordinator(RoleKind.COORDINATOR_DAC, departements="29"))
    bob = actor_for(coordinator(RoleKind.COORDINATOR_DAC, departements="29"))
    publication.transition(first, Action.APPROVE_TERRITORIAL, alice)
    with pytest.raises(publication.TransitionConflict, match="entre-temps"):
        publication.transition(second, Action.APPROVE_TERRITORIAL, bob)
    assert PublicationEvent.objects.for_offer(offer.pk).filter(action=Action.APPROVE_TERRITORIAL).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_approving_at_once_one_wins_and_nothing_is_doubled() -> None:
    offer = OfferFactory(structure=StructureFactory(commune=commune(QUIMPER)), status=S.TERRITORIAL_REVIEW)
    actors = [actor_for(coordinator(RoleKind.COORDINATOR_DAC, departements="29")) for _ in range(2)]
    loaded = [Offer.objects.select_related("structure__commune__departement").get(pk=offer.pk) for _ in actors]
    ready = threading.Barrier(2)
    results: list[str] = []

    def approve(index: int) -> None:
        try:
            ready.wait(timeout=10)
            publication.transition(loaded[index], Action.APPROVE_TERRITORIAL, actors[index])
            results.append("won")
        except publication.TransitionConflict:
            results.append("conflict")
        finally:
            connection.close()  # each thread has its own database connection

    threads = [threading.Thread(target=approve, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == ["conflict", "won"]
    assert Offer.objects.get(pk=offer.pk).status == S.REGIONAL_REVIEW
    approvals = PublicationEvent.objects.for_offer(offer.pk).filter(action=Action.APPROVE_TERRITORIAL)
    assert approvals.count() == 1
