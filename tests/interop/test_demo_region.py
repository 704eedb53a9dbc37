"""The whole demo region (`manage.py seed_demo`, Brittany) exports valid data·inclusion
records and valid FHIR resources, page after page."""

from collections.abc import Iterator
from typing import Any

import pytest
from data_inclusion.schema.v1 import Service
from data_inclusion.schema.v1.score_qualite import score
from django.core.management import call_command
from django.test import Client

from annuaire.demo import writer
from annuaire.demo.accounts import delete_demo_accounts
from annuaire.directory.models import Offer, Place, Structure
from tests.interop.conftest import validate_fhir, validate_service, validate_structure
from tests.interop.ror_profiles import violations

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
            # The demo's own deletion (its applications too: left behind, they doubled those
            # of tests/demo/test_demo_applications.py when both modules ran in one worker).
            writer.delete_demo()
            Offer.objects.all().delete()
            Place.objects.all().delete()
            Structure.objects.all().delete()
            delete_demo_accounts()


def pages(client: Client, url: str, size_param: str, **params: Any) -> Iterator[dict[str, Any]]:
    next_url: str | None = url
    query: dict[str, Any] = {size_param: 250 if size_param == "taille" else 100, **params}
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
    assert counts["Organization"] >= Structure.objects.published().count()


@pytest.mark.django_db
def test_every_fhir_resource_of_the_demo_region_passes_the_ror_profiles(client: Client, demo_region: None) -> None:
    checked: dict[str, int] = {}
    problems: list[str] = []
    for resource_type in ("Organization", "Location", "HealthcareService"):
        for bundle in pages(client, f"/fhir/{resource_type}", "_count"):
            for entry in bundle.get("entry", []):
                resource = entry["resource"]
                problems += violations(resource)
                checked[resource["resourceType"]] = checked.get(resource["resourceType"], 0) + 1
    assert problems == []
    assert checked["HealthcareService"] == Offer.objects.published().count()
    # Sites and their legal entities (FINESS EJ) are all Organizations.
    legal_entities = Structure.objects.published().exclude(finess_legal="").values("finess_legal").distinct().count()
    assert checked["Organization"] == Structure.objects.published().count() + legal_entities
    assert legal_entities > 0


@pytest.mark.django_db
def test_every_own_extension_and_code_system_of_the_demo_region_resolves_on_the_server(
    client: Client, demo_region: None, settings: Any
) -> None:
    base = settings.SITE_URL + "/fhir/"
    urls: set[str] = set()

    def collect(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("system"), str) and value.get("code") is not None:
                urls.add(value["system"])
            if "url" in value and any(key.startswith("value") or key == "extension" for key in value):
                urls.add(value["url"])
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for resource_type in ("Organization", "Location", "HealthcareService"):
        for bundle in pages(client, f"/fhir/{resource_type}", "_count"):
            collect(bundle.get("entry", []))
    own = {url for url in urls if url.startswith(base)}
    official = urls - own - {"ageRange", "supportedPatientInfo", "audience", "ageGroup"}
    assert {"CodeSystem/sos-taxonomie", "StructureDefinition/sos-reste-a-charge"} <= {
        url.removeprefix(base) for url in own
    }
    for url in own:
        response = client.get(url.removeprefix(settings.SITE_URL))
        assert response.status_code == 200, url
        assert response.json()["url"] == url
    national = ("https://interop.esante.gouv.fr/ig/fhir/ror/", "https://mos.esante.gouv.fr/NOS/", "https://hl7.fr/ig/")
    assert all(url.startswith(national) or url == "http://unitsofmeasure.org" for url in official), official


@pytest.mark.django_db
def test_the_demo_region_scores_above_0_9_on_the_schema_quality_score(client: Client, demo_region: None) -> None:
    """The score of data·inclusion's own module (`data_inclusion.schema.v1.score_qualite`)."""
    scores = [
        score(Service.model_validate(record))[0]
        for body in pages(client, "/api/v1/data-inclusion/services", "taille")
        for record in body["results"]
    ]
    assert len(scores) > 100
    assert sum(scores) / len(scores) > 0.9
