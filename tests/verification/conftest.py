"""A small Breton region: structures at different points of their yearly cycle."""

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User

from annuaire.accounts.models import RoleKind
from annuaire.directory.models import Offer, Structure
from tests.accounts.factories import coordinator, regional_admin, with_totp
from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import QUIMPER, commune


def confirmed_on(structure: Structure, day: date) -> Structure:
    """The structure and its offers were last confirmed on `day`."""
    Structure.objects.filter(pk=structure.pk).update(last_verified_at=day)
    Offer.objects.filter(structure=structure).update(last_verified_at=day)
    structure.refresh_from_db()
    return structure


def listed(name: str, last_confirmed: date, offers: int = 2) -> Structure:
    structure = StructureFactory(name=name, commune=commune(QUIMPER), postal_code="29000")
    for number in range(offers):
        OfferFactory(structure=structure, title=f"{name} – offre {number + 1}")
    return confirmed_on(structure, last_confirmed)


@pytest.fixture
def territory(db: Any) -> dict[str, User]:
    return {
        "dac": with_totp(coordinator(RoleKind.COORDINATOR_DAC, departements="29")),
        "region": with_totp(regional_admin("53")),
    }
