"""The technical admin: statuses read-only, offers checked by the one validation function."""

from typing import Any

import pytest
from django.test import Client

from annuaire.directory.enums import Audience, Cost, PublicationStatus, StructureKind
from annuaire.directory.models import Offer
from tests.directory.factories import PlaceFactory, StructureFactory
from tests.taxonomy.factories import subcategory

pytestmark = pytest.mark.django_db


def offer_form(structure: Any, code: str, **fields: str) -> dict[str, Any]:
    sub = subcategory(code)
    place = PlaceFactory(structure=structure)
    data = {
        "structure": structure.pk,
        "title": "Réflexologie plantaire",
        "category": sub.category_id,
        "subcategories": [sub.pk],
        "places": [place.pk],
        "audiences": [Audience.PATIENTS],
        "cost": Cost.FREE,
        "practitioner_qualification": "Réflexologue certifiée",
        "status": PublicationStatus.PUBLISHED,
    }
    data.update(fields)
    return data


def test_the_admin_refuses_reflexology_at_an_ordinary_association(admin_client: Client) -> None:
    association = StructureFactory(kind=StructureKind.ASSOCIATION, is_recognised_association=False)
    response = admin_client.post("/admin/directory/offer/add/", offer_form(association, "reflexologie"))
    assert response.status_code == 200
    assert "ne peut être référencée que dans une association reconnue" in response.content.decode()
    assert not Offer.objects.exists()


def test_the_admin_saves_a_valid_offer_but_never_its_status(admin_client: Client) -> None:
    ligue = StructureFactory(kind=StructureKind.LIGUE)
    response = admin_client.post("/admin/directory/offer/add/", offer_form(ligue, "reflexologie"))
    assert response.status_code == 302
    assert Offer.objects.get().status == PublicationStatus.DRAFT  # the posted "publiee" is ignored


def test_the_publication_journal_is_read_only_in_the_admin(admin_client: Client) -> None:
    StructureFactory()
    assert admin_client.get("/admin/directory/publicationevent/").status_code == 200
    assert admin_client.get("/admin/directory/publicationevent/add/").status_code == 403
