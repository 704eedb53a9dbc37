"""Who may see and act on what: roles and territories (annuaire.accounts.access)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from annuaire.accounts.access import actor_for
from annuaire.accounts.models import RoleKind
from annuaire.accounts.roles import grant_coordinator, grant_structure_role
from annuaire.directory.enums import PublicationStatus, StructureKind
from annuaire.directory.publication import Level
from tests.accounts.factories import coordinator, person, referent, regional_admin
from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, RENNES, VANNES, commune

pytestmark = pytest.mark.django_db


def town_structure(code: str, **fields: object) -> object:
    return StructureFactory(commune=commune(code), **fields)


def hospital(code: str) -> object:
    return StructureFactory(commune=commune(code), kind=StructureKind.ETABLISSEMENT_SANTE)


def test_a_finistere_coordinator_never_sees_morbihan_structures_or_offers() -> None:
    quimper, vannes = town_structure(QUIMPER), town_structure(VANNES)
    OfferFactory(structure=quimper)
    OfferFactory(structure=vannes)
    actor = actor_for(coordinator(RoleKind.COORDINATOR_DAC, departements="29"))
    assert list(actor.structures()) == [quimper]
    assert {o.structure_id for o in actor.offers()} == {quimper.pk}
    assert actor.acts_at(Level.TERRITORIAL, quimper) and not actor.acts_at(Level.TERRITORIAL, vannes)


def test_the_3c_vets_health_establishments_and_the_dac_town_structures() -> None:
    clinic, association = hospital(BREST), town_structure(BREST)
    three_c = actor_for(coordinator(RoleKind.COORDINATOR_3C, departements="29"))
    dac = actor_for(coordinator(RoleKind.COORDINATOR_DAC, departements="29"))
    assert three_c.acts_at(Level.TERRITORIAL, clinic) and not three_c.acts_at(Level.TERRITORIAL, association)
    assert dac.acts_at(Level.TERRITORIAL, association) and not dac.acts_at(Level.TERRITORIAL, clinic)
    assert list(three_c.structures()) == [clinic] and list(dac.structures()) == [association]


def test_a_territory_may_be_a_list_of_communes() -> None:
    brest, quimper = town_structure(BREST), town_structure(QUIMPER)
    actor = actor_for(coordinator(RoleKind.COORDINATOR_DAC, communes=BREST))
    assert actor.acts_at(Level.TERRITORIAL, brest) and not actor.acts_at(Level.TERRITORIAL, quimper)
    assert list(actor.communes().values_list("code", flat=True)) == [BREST]


def test_a_regional_administrator_acts_on_the_whole_region_only_at_regional_level() -> None:
    rennes = town_structure(RENNES)
    actor = actor_for(regional_admin("53"))
    assert actor.acts_at(Level.REGIONAL, rennes)
    assert not actor.acts_at(Level.TERRITORIAL, rennes)
    assert not actor_for(regional_admin("52")).acts_at(Level.REGIONAL, rennes)  # Pays de la Loire


def test_a_referent_acts_for_their_own_structure_only() -> None:
    mine, other = town_structure(RENNES), town_structure(RENNES)
    actor = actor_for(referent(mine))
    assert actor.acts_at(Level.STRUCTURE, mine) and not actor.acts_at(Level.STRUCTURE, other)
    assert list(actor.structures()) == [mine]


def test_one_person_may_hold_several_scoped_roles() -> None:
    rennes, vannes = town_structure(RENNES), town_structure(VANNES)
    user = person()
    grant_structure_role(user, rennes)
    grant_coordinator(user, RoleKind.COORDINATOR_DAC, departements=[vannes.commune.departement])
    actor = actor_for(user)
    assert set(actor.structures()) == {rennes, vannes}
    assert actor.acts_at(Level.STRUCTURE, rennes) and actor.acts_at(Level.TERRITORIAL, vannes)
    assert actor.needs_second_factor


def test_the_review_queue_holds_what_waits_for_me_oldest_first() -> None:
    later = OfferFactory(structure=town_structure(QUIMPER), status=PublicationStatus.TERRITORIAL_REVIEW)
    first = OfferFactory(structure=town_structure(BREST), status=PublicationStatus.TERRITORIAL_REVIEW)
    first.__class__.objects.filter(pk=first.pk).update(status_changed_at=later.status_changed_at.replace(year=2025))
    OfferFactory(structure=town_structure(VANNES), status=PublicationStatus.TERRITORIAL_REVIEW)
    OfferFactory(structure=town_structure(BREST), status=PublicationStatus.REGIONAL_REVIEW)
    queue = actor_for(coordinator(RoleKind.COORDINATOR_DAC, departements="29")).review_queue()
    assert list(queue) == [first, later]
    regional = actor_for(regional_admin()).review_queue()
    assert [o.status for o in regional] == [PublicationStatus.REGIONAL_REVIEW]


def test_anonymous_people_and_people_without_roles_see_nothing() -> None:
    OfferFactory()
    for user in (AnonymousUser(), person()):
        actor = actor_for(user)
        assert not actor.structures().exists() and not actor.offers().exists() and not actor.has_any_role


def test_a_coordinator_needs_a_territory() -> None:
    with pytest.raises(ValidationError):
        grant_coordinator(person(), RoleKind.COORDINATOR_3C)


def test_roles_are_loaded_once_per_request(django_assert_num_queries: object) -> None:
    structure = town_structure(RENNES)
    user = coordinator(RoleKind.COORDINATOR_DAC, departements="35")
    with django_assert_num_queries(3):  # type: ignore[operator]
        actor = actor_for(user)
        assert actor_for(user) is actor
        assert actor.acts_at(Level.TERRITORIAL, structure)
