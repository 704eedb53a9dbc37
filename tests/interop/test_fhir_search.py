"""A FHIR search that clients can use: _include, _revinclude, _sort, _elements, _summary,
HEAD, POST _search, versioned reads, distances, identifiers, and limits on abuse."""

from typing import Any

import pytest
from django.test import Client

from annuaire.core.identifiers import finess_with_key
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, commune

pytestmark = pytest.mark.django_db

Fhir = Any
BASE = "http://127.0.0.1:8000/fhir"


def by_mode(bundle: dict[str, Any], mode: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle.get("entry", []) if e["search"]["mode"] == mode]


def test_include_brings_the_organization_its_legal_entity_and_the_locations(fhir: Fhir) -> None:
    finess_legal = finess_with_key("29000013")
    structure = StructureFactory(finess_legal=finess_legal)
    offer = OfferFactory(structure=structure)

    bundle = fhir(
        "/fhir/HealthcareService",
        _include=["HealthcareService:organization", "HealthcareService:location"],
        **{"_include:iterate": "Organization:partof"},
    )

    assert [r["id"] for r in by_mode(bundle, "match")] == [str(offer.uuid)]
    included = {(r["resourceType"], r["id"]) for r in by_mode(bundle, "include")}
    assert included == {
        ("Organization", str(structure.uuid)),
        ("Organization", f"ej-{finess_legal}"),
        ("Location", str(offer.places.get().uuid)),
    }
    assert bundle["total"] == 1


def test_revinclude_brings_the_services_of_a_location(fhir: Fhir) -> None:
    offer = OfferFactory()
    bundle = fhir("/fhir/Location", _revinclude="HealthcareService:location")
    assert [r["id"] for r in by_mode(bundle, "include")] == [str(offer.uuid)]


def test_sort_summary_count_total_and_elements(fhir: Fhir) -> None:
    for title in ("Bravo", "Alpha", "Charlie"):
        OfferFactory(title=title)

    assert [r["name"] for r in by_mode(fhir("/fhir/HealthcareService", _sort="-name"), "match")] == [
        "Charlie",
        "Bravo",
        "Alpha",
    ]
    counted = fhir("/fhir/HealthcareService", _summary="count", _total="accurate")
    assert counted["total"] == 3 and "entry" not in counted
    [subset] = by_mode(fhir("/fhir/HealthcareService", _elements="name", _count="1"), "match")
    assert set(subset) == {"resourceType", "id", "meta", "name"}
    assert {"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "code": "SUBSETTED"} in subset[
        "meta"
    ]["tag"]


def test_near_searches_carry_the_distance_and_sort_by_it(fhir: Fhir) -> None:
    OfferFactory(title="À Brest", commune=commune(BREST))
    OfferFactory(title="À Quimper", commune=commune(QUIMPER))

    bundle = fhir("/fhir/HealthcareService", _sort="distance", **{"location.near-insee-code": f"{QUIMPER}|100|km"})

    entries = bundle["entry"]
    assert [e["resource"]["name"] for e in entries] == ["À Quimper", "À Brest"]
    distances = [
        next(x for x in e["resource"]["extension"] if x["url"].endswith("ror-calculated-distance"))["valueQuantity"]
        for e in entries
    ]
    assert distances[0]["value"] < distances[1]["value"] and distances[1]["unit"] == "km"
    assert entries[1]["search"]["extension"][0]["valueDistance"] == distances[1]
    assert fhir("/fhir/HealthcareService", status=400, _sort="distance")["issue"][0]["diagnostics"].startswith(
        "Le tri par distance"
    )


def test_head_and_post_search(client: Client) -> None:
    OfferFactory(title="Yoga")
    head = client.head("/fhir/HealthcareService")
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Type"].startswith("application/fhir+json")

    posted = client.post("/fhir/HealthcareService/_search", {"name": "x", "_count": "5"}, enforce_csrf_checks=True)

    assert posted.status_code == 200
    assert posted.json()["total"] == 1
    assert "_count=5" in posted.json()["link"][0]["url"]


def test_reads_are_versioned_and_answer_304_when_unchanged(client: Client) -> None:
    offer = OfferFactory()
    url = f"/fhir/HealthcareService/{offer.uuid}"
    first = client.get(url)
    version = first.json()["meta"]["versionId"]
    assert first["ETag"] == f'W/"{version}"'
    assert first["Last-Modified"]

    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    offer.title = "Nouveau titre"
    offer.save()
    changed = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed.json()["meta"]["versionId"] != version


def test_identifier_search_works_for_every_system_emitted(fhir: Fhir) -> None:
    finess, finess_legal = finess_with_key("29000012"), finess_with_key("29000013")
    site = StructureFactory(finess=finess, finess_legal=finess_legal)
    association = StructureFactory(finess="", finess_legal="", siret="", siren="")
    association_with_siret = StructureFactory(finess="", finess_legal="")
    offer = OfferFactory(structure=association)
    place = offer.places.get()

    def organizations(value: str) -> list[str]:
        return [r["id"] for r in by_mode(fhir("/fhir/Organization", identifier=value), "match")]

    assert organizations(f"https://finess.esante.gouv.fr|{finess}") == [str(site.uuid)]
    assert organizations(f"https://finess.esante.gouv.fr|{finess_legal}") == [f"ej-{finess_legal}"]
    assert organizations(f"urn:oid:1.2.250.1.71.4.2.2|1{finess}") == [str(site.uuid)]
    assert organizations(f"https://sirene.fr|{site.siret}") == [str(site.uuid)]
    assert organizations(f"https://sirene.fr|{association_with_siret.siren}") == [str(association_with_siret.uuid)]
    assert organizations(f"http://finess.sante.gouv.fr|{finess}") == [str(site.uuid)]  # the former system
    # Every identifier each resource carries finds it back.
    for resource_type, resource in (
        ("HealthcareService", fhir(f"/fhir/HealthcareService/{offer.uuid}")),
        ("Location", fhir(f"/fhir/Location/{place.uuid}")),
        ("Organization", fhir(f"/fhir/Organization/{site.uuid}")),
        ("Organization", fhir(f"/fhir/Organization/ej-{finess_legal}")),
    ):
        for identifier in resource["identifier"]:
            value = f"{identifier['system']}|{identifier['value']}"
            found = by_mode(fhir(f"/fhir/{resource_type}", identifier=value), "match")
            assert [r["id"] for r in found] == [resource["id"]], value
    assert fhir("/fhir/HealthcareService", identifier=f"{BASE}/sid/offre|{offer.uuid}")["total"] == 1


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/fhir/HealthcareService", {"_id": "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"}),
        ("/fhir/HealthcareService", {"organization": "--------------------------------"}),
        ("/fhir/Location", {"organization": "Organization/1234567890abcdef1234567890abcdeg"}),
        ("/fhir/HealthcareService", {"location": "ffffffff-ffff-ffff-ffff-fffffffffffff"}),
        ("/fhir/Organization", {"_id": "----------------------------------"}),
    ],
)
def test_values_that_look_like_uuids_but_are_not_are_400(fhir: Fhir, url: str, params: dict[str, str]) -> None:
    assert fhir(url, status=400, **params)["issue"][0]["diagnostics"].startswith("Identifiant invalide")


def test_repeated_parameters_are_capped_with_a_french_400(client: Client) -> None:
    StructureFactory(name="Ligue")
    many_departements = "&".join(["departement=29"] * 265)
    many_names = "&".join([f"name=n{i}" for i in range(1000)])

    for query in (many_departements, many_names, "name=" + ",".join(["a"] * 21)):
        response = client.get(f"/fhir/Organization?{query}")
        assert response.status_code == 400
        assert response.json()["issue"][0]["diagnostics"].startswith("Trop de valeurs pour le paramètre")
    assert client.get("/fhir/Organization?" + "&".join(["name=ligue"] * 20)).json()["total"] == 1


def test_links_and_identifiers_follow_site_url_never_the_host_header(client: Client, settings: Any) -> None:
    offer = OfferFactory()
    settings.SITE_URL = "https://annuaire.example.org"
    for host in ("localhost", "127.0.0.1"):
        bundle = client.get("/fhir/HealthcareService", HTTP_HOST=host).json()
        resource = bundle["entry"][0]["resource"]
        assert resource["identifier"][0]["system"] == "https://annuaire.example.org/fhir/sid/offre"
        assert resource["identifier"][0]["value"] == str(offer.uuid)
        assert bundle["link"][0]["url"].startswith("https://annuaire.example.org/fhir/HealthcareService?")


def test_places_of_a_structure_are_found_by_organization(fhir: Fhir) -> None:
    structure = StructureFactory()
    places = [PlaceFactory(structure=structure), PlaceFactory(structure=structure)]
    OfferFactory(structure=structure, places=places)
    found = fhir("/fhir/Location", organization=f"Organization/{structure.uuid}", _sort="_id")
    assert [r["id"] for r in by_mode(found, "match")] == sorted(str(p.uuid) for p in places)


def test_our_extensions_are_defined_on_the_server(fhir: Fhir) -> None:
    definitions = fhir("/fhir/StructureDefinition")
    assert {e["resource"]["id"] for e in definitions["entry"]} == {"sos-reste-a-charge", "sos-patientele"}
    cost = fhir("/fhir/StructureDefinition/sos-reste-a-charge")
    assert cost["url"] == f"{BASE}/StructureDefinition/sos-reste-a-charge"
    assert cost["type"] == "Extension" and cost["context"] == [{"type": "element", "expression": "HealthcareService"}]
    assert fhir("/fhir/StructureDefinition/inconnue", status=404)["issue"][0]["code"] == "not-found"


def test_includes_run_a_constant_number_of_queries(fhir: Fhir, django_assert_num_queries: Any) -> None:
    numbers = iter(range(10, 99))

    def make(n: int) -> None:
        for _ in range(n):
            structure = StructureFactory(finess_legal=finess_with_key(f"290001{next(numbers)}"))
            OfferFactory(structure=structure, places=[PlaceFactory(structure=structure) for _ in range(2)])

    params = {
        "_include": ["HealthcareService:organization", "HealthcareService:location"],
        "_include:iterate": "Organization:partof",
    }
    make(1)
    # Reads the taxonomy and the ROR mapping once since the last change (another URL: answers are cached).
    fhir("/fhir/HealthcareService", _count=1)
    # count, page (with each offer's sub-categories and places), organizations, legal entities, locations
    with django_assert_num_queries(5):
        fhir("/fhir/HealthcareService", **params)
    make(4)
    fhir("/fhir/HealthcareService", _count=2)
    with django_assert_num_queries(5):
        assert len(by_mode(fhir("/fhir/HealthcareService", **params), "include")) == 5 + 5 + 10
    # places count, page; then the offers of those places with their sub-categories and places
    with django_assert_num_queries(3):
        assert len(by_mode(fhir("/fhir/Location", _revinclude="HealthcareService:location"), "include")) == 5


def test_structured_opening_hours_become_available_times(fhir: Fhir) -> None:
    offer = OfferFactory(opening_hours="Mo,We 09:00-12:00; Fr 14:00-16:30", schedule="Sur rendez-vous")
    resource = fhir(f"/fhir/HealthcareService/{offer.uuid}")
    assert resource["availableTime"] == [
        {"daysOfWeek": ["mon"], "availableStartTime": "09:00:00", "availableEndTime": "12:00:00"},
        {"daysOfWeek": ["wed"], "availableStartTime": "09:00:00", "availableEndTime": "12:00:00"},
        {"daysOfWeek": ["fri"], "availableStartTime": "14:00:00", "availableEndTime": "16:30:00"},
    ]
    assert resource["availabilityExceptions"] == "Sur rendez-vous"
