"""Every change to a structure, an offer or a role is recorded: who, when, from → to, why."""

import pytest
from auditlog.models import LogEntry
from django.test import Client

from annuaire.accounts.models import RoleKind
from annuaire.audit.context import audit_reason
from annuaire.audit.history import history_of, history_of_structure, reason_of
from annuaire.directory.enums import StructureKind
from annuaire.directory.models import Offer
from annuaire.geo.models import Departement
from tests.accounts.factories import coordinator, person
from tests.directory.factories import OfferFactory, StructureFactory
from tests.directory.test_admin import offer_form
from tests.taxonomy.factories import subcategory

pytestmark = pytest.mark.django_db


def test_a_change_records_who_the_field_from_to_and_why() -> None:
    offer = OfferFactory(title="Yoga")
    editor = person()
    with audit_reason("Correction demandée par la structure", user=editor):
        offer.title = "Yoga doux"
        offer.save()
    entry = history_of(offer).first()
    assert entry.changes_dict["title"] == ["Yoga", "Yoga doux"]
    assert entry.actor == editor and reason_of(entry) == "Correction demandée par la structure"
    assert "search_text" not in entry.changes_dict


def test_changing_the_care_offered_is_recorded() -> None:
    offer = OfferFactory(subcategory_codes=["consultation-psychologue"])
    offer.subcategories.add(subcategory("therapie-familiale"))
    entry = history_of(offer).first()
    assert "subcategories" in entry.changes_dict


def test_the_history_of_a_structure_covers_its_offers() -> None:
    offer = OfferFactory()
    offer.description = "Nouvelle description"
    offer.save()
    assert any(e.object_pk == str(offer.pk) for e in history_of_structure(offer.structure))


def test_a_change_of_territory_of_a_role_is_recorded() -> None:
    role = coordinator(RoleKind.COORDINATOR_DAC, departements="29").roles.get()
    role.departements.add(Departement.objects.get(code="56"))
    assert "departements" in history_of(role).first().changes_dict


def test_the_history_cannot_be_edited_in_the_admin(admin_client: Client) -> None:
    OfferFactory()
    entry = LogEntry.objects.first()
    assert admin_client.get(f"/admin/auditlog/logentry/{entry.pk}/change/").status_code == 200
    response = admin_client.post(f"/admin/auditlog/logentry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403 and LogEntry.objects.filter(pk=entry.pk).exists()


def test_a_change_made_in_a_request_records_the_signed_in_person(admin_client: Client, admin_user: object) -> None:
    ligue = StructureFactory(kind=StructureKind.LIGUE)
    response = admin_client.post("/admin/directory/offer/add/", offer_form(ligue, "reflexologie"))
    assert response.status_code == 302
    entries = list(history_of(Offer.objects.get()))
    assert entries and all(entry.actor == admin_user for entry in entries)
    created = next(entry for entry in entries if entry.action == LogEntry.Action.CREATE)
    assert created.changes_dict["title"][1] == "Réflexologie plantaire"
