"""A real FHIR client from PyPI (fhirpy) against a live server: `_include`, paging by the
Bundle's links, `count()`, and reference resolution, as a ROR consumer would do."""

from collections.abc import Iterator
from typing import Any

import pytest
from fhirpy import SyncFHIRClient

from annuaire.core.identifiers import finess_with_key
from tests.browser import conftest as browser
from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import QUIMPER, commune

# live_server needs transactional tests: the database is flushed after each one, so the
# reference data (with the ROR mapping) is put back before and after (see tests/browser).
pytestmark = pytest.mark.django_db(transaction=True)
reference_snapshot = pytest.fixture(scope="session", name="reference_snapshot")(
    browser._reference_snapshot.__wrapped__  # type: ignore[attr-defined]
)


@pytest.fixture(scope="module", autouse=True)
def _reference_data_after_module(reference_snapshot: list[dict[str, Any]], django_db_blocker: Any) -> Iterator[None]:
    yield
    with django_db_blocker.unblock():
        browser.restore_reference_data(reference_snapshot)


@pytest.fixture
def client(live_server: Any, settings: Any, reference_snapshot: list[dict[str, Any]]) -> SyncFHIRClient:
    browser.restore_reference_data(reference_snapshot)  # with the ROR mapping
    settings.SITE_URL = live_server.url  # links and references point back to this server
    return SyncFHIRClient(f"{live_server.url}/fhir", extra_headers={"Accept": "application/fhir+json"})


def test_fhirpy_pages_through_all_services_and_counts_them(client: SyncFHIRClient) -> None:
    for n in range(7):
        OfferFactory(title=f"Offre {n}")

    services = client.resources("HealthcareService").limit(3).fetch_all()  # three pages

    assert sorted(s["name"] for s in services) == [f"Offre {n}" for n in range(7)]
    assert client.resources("HealthcareService").count() == 7
    assert client.resources("HealthcareService").search(name="x").sort("-name").limit(2).fetch()[0]["name"]


def test_fhirpy_includes_the_organization_and_its_legal_entity_and_resolves_references(
    client: SyncFHIRClient,
) -> None:
    finess_legal = finess_with_key("29000013")
    structure = StructureFactory(name="CHU de Quimper", finess_legal=finess_legal, commune=commune(QUIMPER))
    OfferFactory(title="Hypnoanalgésie", structure=structure, commune=commune(QUIMPER))

    bundle = (
        client.resources("HealthcareService")
        .search(**{"location.near-insee-code": f"{QUIMPER}|15|km"})
        .include("HealthcareService", "organization")
        .include("Organization", "partof", iterate=True)
        .include("HealthcareService", "location")
        .fetch_raw()
    )

    modes = {(e["resource"]["resourceType"], e["search"]["mode"]) for e in bundle["entry"]}
    assert modes == {("HealthcareService", "match"), ("Organization", "include"), ("Location", "include")}
    [service] = [e["resource"] for e in bundle["entry"] if e["search"]["mode"] == "match"]
    organization = service["providedBy"].to_resource()
    assert organization["name"] == "CHU de Quimper"
    assert organization["partOf"].to_resource()["id"] == f"ej-{finess_legal}"
    assert service["location"][0].to_resource()["address"]["city"] == "Quimper"
    assert client.reference("HealthcareService", service["id"]).to_resource()["meta"]["versionId"]
