"""The demo shows an application at every stage, made through the workflow."""

from __future__ import annotations

import pytest

from annuaire.accounts.models import DemoAccount
from annuaire.applications.enums import ApplicationStatus
from annuaire.applications.models import PilotTerritory
from annuaire.demo.applications import (
    create_demo_applications,
    delete_demo_applications,
    demo_applications,
    demo_regional_admin,
)
from annuaire.directory.enums import PublicationStatus
from tests.accounts.factories import regional_admin

pytestmark = pytest.mark.django_db


def test_demo_applications_cover_every_stage() -> None:
    create_demo_applications(regional_admin("53"))

    statuses = set(demo_applications().values_list("status", flat=True))
    assert statuses == set(ApplicationStatus.values)
    accepted = demo_applications().get(status=ApplicationStatus.ACCEPTED)
    assert accepted.structure is not None
    assert accepted.structure.status == PublicationStatus.DRAFT
    assert demo_applications().filter(events__to_status=ApplicationStatus.RETURNED).count() == 2
    assert set(PilotTerritory.objects.open().values_list("departement_id", flat=True)) == {"29", "35"}


def test_demo_applications_can_be_deleted_and_made_again() -> None:
    admin = regional_admin("53")
    create_demo_applications(admin)

    delete_demo_applications()
    assert not demo_applications().exists()

    create_demo_applications(admin)
    assert demo_applications().count() == 8


def test_the_demo_regional_administrator_is_found_among_demo_accounts() -> None:
    admin = regional_admin("53")
    assert demo_regional_admin() is None

    DemoAccount.objects.create(user=admin)

    assert demo_regional_admin() == admin
