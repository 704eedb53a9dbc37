"""Regional administrators read the history of changes of their region: who, when, which
field from what to what, and why. Read-only; nobody else reads it."""

from typing import Any

import pytest
from django.contrib.auth.models import User

from annuaire.accounts.models import RoleKind
from annuaire.directory.models import Structure
from tests.accounts.factories import coordinator, referent, regional_admin, with_totp
from tests.directory.factories import OfferFactory, StructureFactory
from tests.espace.conftest import client_for
from tests.geo.factories import QUIMPER, commune

pytestmark = pytest.mark.django_db


@pytest.fixture
def structure() -> Structure:
    return StructureFactory(name="Association de Quimper", commune=commune(QUIMPER), phone="02 98 00 00 00")


@pytest.fixture
def region() -> User:
    return with_totp(regional_admin("53"))


def edit_phone(user: User, structure: Structure, phone: str, reason: str = "") -> None:
    data = {"phone": phone, "postal_code": "29000", "change_reason": reason}
    assert client_for(user).post(f"/espace/structures/{structure.pk}/modifier/", data).status_code == 302


def test_the_region_reads_who_changed_which_field_from_what_to_what_and_why(structure: Structure, region: User) -> None:
    editor = referent(structure)
    edit_phone(editor, structure, "02 98 12 34 56", reason="Nouveau standard")
    page = client_for(region).get("/espace/historique/").content.decode()
    assert "Structure « Association de Quimper » (modification)" in page
    assert "Téléphone : 02 98 00 00 00 → 02 98 12 34 56" in page
    assert editor.username in page and "Nouveau standard" in page


def test_offer_changes_show_readable_values(structure: Structure, region: User) -> None:
    offer = OfferFactory(structure=structure, title="Yoga")
    offer.cost = "reste-a-charge"
    offer.cost_amount = 10
    offer.save()
    page = client_for(region).get(f"/espace/historique/?structure={structure.pk}").content.decode()
    assert "Reste à charge : Gratuit → Reste à charge pour la personne" in page


def test_another_regions_changes_are_not_shown(structure: Structure) -> None:
    edit_phone(referent(structure), structure, "02 98 12 34 56")
    page = client_for(with_totp(regional_admin("52"))).get("/espace/historique/").content.decode()
    assert "Association de Quimper" not in page
    other = client_for(with_totp(regional_admin("52"))).get(f"/espace/historique/?structure={structure.pk}")
    assert other.status_code == 404


def test_only_regional_administrators_read_the_history(structure: Structure) -> None:
    assert client_for(referent(structure)).get("/espace/historique/").status_code == 403
    dac = with_totp(coordinator(RoleKind.COORDINATOR_DAC, departements="29"))
    assert client_for(dac).get("/espace/historique/").status_code == 403


def test_the_history_page_keeps_a_constant_number_of_queries(
    structure: Structure, region: User, django_assert_max_num_queries: Any
) -> None:
    client = client_for(region)
    for n in range(5):
        OfferFactory(structure=structure, title=f"Offre {n}")
    client.get("/espace/historique/")
    with django_assert_max_num_queries(12):
        page = client.get("/espace/historique/")
    assert page.status_code == 200
