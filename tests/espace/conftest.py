"""People of every role and territory, and one offer waiting in Finistère (a town structure)."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from annuaire.accounts.models import RoleKind
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer
from annuaire.geo.models import Region
from tests.accounts.factories import coordinator, person, referent, regional_admin, with_totp
from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import QUIMPER, commune


@pytest.fixture
def waiting_offer(db: Any) -> Offer:
    structure = StructureFactory(name="Association de Quimper", commune=commune(QUIMPER))
    return OfferFactory(structure=structure, status=PublicationStatus.TERRITORIAL_REVIEW, title="Yoga doux")


@pytest.fixture
def people(waiting_offer: Offer) -> dict[str, User | None]:
    Region.objects.get_or_create(code="52", defaults={"name": "Pays de la Loire"})
    return {
        "anonyme": None,
        "sans-role": person(),
        "referent": referent(waiting_offer.structure),
        "dac-29": with_totp(coordinator(RoleKind.COORDINATOR_DAC, departements="29")),
        "dac-29-sans-totp": coordinator(RoleKind.COORDINATOR_DAC, departements="29"),
        "3c-29": with_totp(coordinator(RoleKind.COORDINATOR_3C, departements="29")),
        "dac-56": with_totp(coordinator(RoleKind.COORDINATOR_DAC, departements="56")),
        "region-53": with_totp(regional_admin("53")),
        "region-52": with_totp(regional_admin("52")),
    }


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
