"""Each person of the network looks at their own territory."""

import pytest

from annuaire.accounts.access import actor_for
from annuaire.accounts.models import RoleKind
from annuaire.insight.access import territory_for
from annuaire.insight.territory import Territory
from tests.accounts.factories import coordinator, person, referent, regional_admin
from tests.directory.factories import StructureFactory
from tests.geo.factories import BREST, QUIMPER

pytestmark = pytest.mark.django_db


def test_a_regional_administrator_looks_at_the_whole_region() -> None:
    assert territory_for(actor_for(regional_admin("53"))) == Territory("Bretagne", regions=frozenset({"53"}))


def test_a_coordinator_looks_at_their_departements_and_communes() -> None:
    user = coordinator(RoleKind.COORDINATOR_DAC, departements="29", communes=f"{BREST},{QUIMPER}")
    territory = territory_for(actor_for(user))
    assert territory == Territory(
        "Finistère (29), 2 communes", departements=frozenset({"29"}), communes=frozenset({BREST, QUIMPER})
    )


def test_a_structure_referent_or_a_person_without_role_looks_at_nothing() -> None:
    assert territory_for(actor_for(referent(StructureFactory()))) is None
    assert territory_for(actor_for(person())) is None
