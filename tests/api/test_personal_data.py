"""No personal or internal data leaves through the API: referent, active file, workflow."""

import json

import pytest
from django.test import Client

from tests.directory.factories import OfferFactory, StructureFactory

pytestmark = pytest.mark.django_db

SECRETS = {
    "referent_last_name": "Kerlédan",
    "referent_first_name": "Maëlys",
    "referent_function": "Cadre de santé référente",
    "referent_phone": "06 12 34 56 78",
    "referent_email": "maelys.kerledan@example.org",
}


def test_it_never_exposes_the_referent_nor_internal_fields() -> None:
    structure = StructureFactory(oncology_active_file=4321, **SECRETS)
    offer = OfferFactory(structure=structure)
    place = offer.places.get()
    for path in [
        "/api/v1/offres",
        f"/api/v1/offres/{offer.pk}",
        "/api/v1/structures",
        f"/api/v1/structures/{structure.pk}",
        "/api/v1/lieux",
        f"/api/v1/lieux/{place.pk}",
    ]:
        response = Client().get(path)
        assert response.status_code == 200
        body = response.content.decode()
        for value in SECRETS.values():
            assert value not in body, (path, value)
        assert "4321" not in body
        text = json.dumps(response.json())
        for key in ["referent", "status", "statut", "file_active", "search_text"]:
            assert key not in text, (path, key)
