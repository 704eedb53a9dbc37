"""The whole demo region (`manage.py seed_demo`, Brittany) exports valid data·inclusion
records and valid FHIR resources, page after page."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from annuaire.demo.accounts import delete_demo_accounts
from annuaire.directory.models import Offer, Place, Structure
from tests.interop.conftest import validate_fhir, validate_service, validate_structure

DEMO_STRUCTURES = 60


class _Quiet:
    def write(self, *args: Any) -> None:
        pass

    def flush(self) -> None:
        pass


@pytest.fixture(scope="module")
def demo_region(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo region, built once for this module and removed afterwards."""
    with django_db_blocker.unblock():
        call_command("seed_demo", structures=DEMO_STRUCTURES, seed=53, stdout=_Quiet(), stderr=_Quiet())
        try:
            yield
        finally:
            Offer.objects.all().delete()
            Place.objects.all().delete()
            Structure.objects.all().delete()
            delete_demo_accounts()


def pages(client: Client, url: str, size_param: str, **params: Any) -> Iterator[dict[str, Any]]:
    next_url: str | None = url
    query: dict[str, Any] = {size_param: 1000 if size_param == "taille" else 100, **params}
    while next_url:
        response = client.get(next_url, query)
        assert response.status_code == 200, response.content.decode()[:500]
        body = response.json()
        yield body
        query = {}
        if size_param == "taille":
            next_url = body["next"]
        else:
            next_url = next((link["url"] for link in body["link"] if link["relation"] == "next"), None)


@pytest.mark.django_db
def test_it_exports_every_structure_and_service_of_the_demo_region_valid(client: Client, demo_region: None) -> None:
    structures = [r for body in pages(client, "/api/v1/data-inclusion/structures", "taille") for r in body["results"]]
    services = [r for body in pages(client, "/api/v1/data-inclusion/services", "taille") for r in body["results"]]

    assert len(structures) == Structure.objects.published().count() > 0
    expected_services = sum(offer.places.count() for offer in Offer.objects.published())
    assert len(services) == expected_services > 0
    for record in structures:
        validate_structure(record)
    for record in services:
        validate_service(record)
    assert len({r["id"] for r in services}) == len(services)


@pytest.mark.django_db
def test_every_fhir_resource_of_the_demo_region_is_valid(client: Client, demo_region: None) -> None:
    counts = {}
    for resource_type in ("Organization", "Location", "HealthcareService"):
        seen = 0
        for bundle in pages(client, f"/fhir/{resource_type}", "_count"):
            validate_fhir(bundle)  # the Bundle and each entry, with fhir.resources (R4B)
            seen += len(bundle.get("entry", []))
            total = bundle["total"]
        assert seen == total > 0
        counts[resource_type] = seen
    assert counts["HealthcareService"] == Offer.objects.published().count()
    assert counts["Organization"] == Structure.objects.published().count()
