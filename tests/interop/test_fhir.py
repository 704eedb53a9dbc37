"""FHIR R4 API aligned on the ROR: resources valid (fhir.resources R4B), searches as the ROR."""

from datetime import datetime
from typing import Any
from uuid import uuid4

import pytest
from django.utils import timezone

from annuaire.core.identifiers import finess_with_key
from annuaire.directory.enums import AgeGroup, Audience, Modality, PublicationStatus
from annuaire.directory.models import Offer, Place
from annuaire.taxonomy.models import Category, SubCategory
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, RENNES, commune

pytestmark = pytest.mark.django_db

Fhir = Any
ROR = "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/"
BASE = "http://127.0.0.1:8000/fhir"  # SITE_URL's default: never the request's host
TAXONOMY = f"{BASE}/CodeSystem/sos-taxonomie"


def codings(concepts: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(c["system"], c["code"]) for concept in concepts for c in concept["coding"]]


def ids(bundle: dict[str, Any]) -> list[str]:
    return [entry["resource"]["id"] for entry in bundle.get("entry", [])]


def titles(bundle: dict[str, Any]) -> list[str]:
    return [entry["resource"]["name"] for entry in bundle.get("entry", [])]


def test_an_organization_carries_finess_siret_and_its_address_with_the_insee_code(fhir: Fhir) -> None:
    finess, finess_legal = finess_with_key("29000012"), finess_with_key("29000013")
    structure = StructureFactory(
        name="CHU de Brest",
        kind="etablissement-sante",
        finess=finess,
        finess_legal=finess_legal,
        commune=commune(BREST),
        postal_code="29200",
        secure_messaging="soins-support@chu-brest.mssante.fr",
    )

    resource = fhir(f"/fhir/Organization/{structure.uuid}")

    assert resource["meta"]["profile"] == [ROR + "ror-organization"]
    assert resource["meta"]["lastUpdated"] == timezone.localtime(structure.updated_at).isoformat(timespec="seconds")
    identifiers = {(i["type"]["coding"][1]["code"], i["system"]): i["value"] for i in resource["identifier"]}
    assert identifiers[("FINEG", "https://finess.esante.gouv.fr")] == finess
    assert identifiers[("SIRET", "https://sirene.fr")] == structure.siret
    assert identifiers[("IDNST", "urn:oid:1.2.250.1.71.4.2.2")] == "1" + finess
    # The legal entity is its own Organization, the site points to it.
    assert resource["partOf"] == {"reference": f"Organization/ej-{finess_legal}"}
    legal_entity = fhir(f"/fhir/Organization/ej-{finess_legal}")
    assert [(i["system"], i["value"]) for i in legal_entity["identifier"]] == [
        ("urn:oid:1.2.250.1.71.4.2.2", "1" + finess_legal),
        ("https://finess.esante.gouv.fr", finess_legal),
    ]
    assert legal_entity["type"][0]["coding"][0]["code"] == "EJ"
    [address] = resource["address"]
    assert address["city"] == "Brest"
    assert address["postalCode"] == "29200"
    assert address["extension"][0]["valueCoding"]["code"] == BREST
    [mss] = [point for point in resource["telecom"] if point.get("rank") == 1]
    assert mss["value"] == "soins-support@chu-brest.mssante.fr"
    # MSSanté: e-mail channel (J225 3), visible by professionals only (J222 2).
    assert [e["valueCodeableConcept"]["coding"][0]["code"] for e in mss["extension"]] == ["3", "2"]


def test_a_healthcare_service_links_its_organization_locations_and_taxonomy(fhir: Fhir) -> None:
    offer = OfferFactory(
        title="Activité physique adaptée",
        subcategory_codes=["seances-apa", "marche-nordique"],
        audiences=[Audience.PATIENTS, Audience.RELATIVES],
        age_groups=[AgeGroup.AJA],
        modalities=[Modality.ON_SITE],
        parcours_global=True,
        access=["non-suivis"],
        schedule="Mardi et jeudi, 10 h – 12 h",
    )
    place = offer.places.get()

    resource = fhir(f"/fhir/HealthcareService/{offer.uuid}")

    assert resource["meta"]["profile"] == [ROR + "ror-healthcareservice"]
    assert resource["providedBy"]["reference"] == f"Organization/{offer.structure.uuid}"
    assert resource["location"] == [{"reference": f"Location/{place.uuid}", "display": place.name}]
    own = [code for system, code in codings(resource.get("category", []) + resource["specialty"]) if system == TAXONOMY]
    assert sorted(own) == ["activite-physique", "marche-nordique", "seances-apa"]
    assert ("http://127.0.0.1:8000/fhir/CodeSystem/sos-modalite", "sur-place") in codings(resource["characteristic"])
    assert resource["program"] == [{"text": "Parcours de soins global après le traitement d'un cancer"}]
    assert resource["eligibility"][0]["code"]["coding"][0]["code"] == "non-suivis"
    assert resource["availabilityExceptions"] == "Mardi et jeudi, 10 h – 12 h"
    patient_type = next(e for e in resource["extension"] if e["url"] == ROR + "ror-healthcareservice-patient-type")
    age_range = next(e for e in patient_type["extension"] if e["url"] == "ageRange")["valueRange"]
    assert (age_range["low"]["value"], age_range["high"]["value"]) == (15, 25)


def test_a_location_has_its_wgs84_position_and_the_commune_cog_extension(fhir: Fhir) -> None:
    offer = OfferFactory(commune=commune(QUIMPER))
    place = offer.places.get()

    resource = fhir(f"/fhir/Location/{place.uuid}")

    assert resource["meta"]["profile"] == [ROR + "ror-location"]
    assert resource["position"] == {"latitude": round(place.lat, 6), "longitude": round(place.lng, 6)}
    cog = next(e for e in resource["extension"] if e["url"] == ROR + "ror-commune-cog")
    assert cog["valueCodeableConcept"]["coding"][0]["code"] == QUIMPER
    assert resource["managingOrganization"]["reference"] == f"Organization/{offer.structure.uuid}"


def test_near_insee_code_finds_offers_within_the_distance_of_the_commune_as_the_ror(fhir: Fhir) -> None:
    OfferFactory(title="À Quimper", commune=commune(QUIMPER))
    OfferFactory(title="À Brest", commune=commune(BREST))
    OfferFactory(title="À Rennes", commune=commune(RENNES))

    near_quimper = fhir("/fhir/HealthcareService", **{"location.near-insee-code": f"{QUIMPER}|15|km"})
    assert titles(near_quimper) == ["À Quimper"]
    assert near_quimper["total"] == 1
    # Rennes–Brest is about 210 km as the crow flies.
    assert titles(fhir("/fhir/HealthcareService", **{"location.near-insee-code": f"{BREST}|205|km"})) == [
        "À Brest",
        "À Quimper",
    ]
    assert titles(fhir("/fhir/HealthcareService", **{"location.near-insee-code": f"{BREST}|215|km"})) == [
        "À Brest",
        "À Quimper",
        "À Rennes",
    ]


def test_it_filters_services_by_category_specialty_and_departement(fhir: Fhir) -> None:
    in_brest = StructureFactory(name="Maison de santé de Brest", commune=commune(BREST), postal_code="29200")
    OfferFactory(title="Diététique à Brest", subcategory_codes=["consultation-dieteticien"], structure=in_brest)
    OfferFactory(title="Psychologue à Rennes", structure=StructureFactory(name="Association rennaise"))
    system = TAXONOMY

    assert titles(fhir("/fhir/HealthcareService", **{"service-category": "nutrition"})) == ["Diététique à Brest"]
    assert titles(fhir("/fhir/HealthcareService", **{"service-category": "nutrition,psychologie"})) == [
        "Diététique à Brest",
        "Psychologue à Rennes",
    ]
    assert titles(fhir("/fhir/HealthcareService", specialty=f"{system}|consultation-psychologue")) == [
        "Psychologue à Rennes"
    ]
    assert titles(fhir("/fhir/HealthcareService", departement="35")) == ["Psychologue à Rennes"]
    assert titles(fhir("/fhir/Organization", **{"address-postalcode": "35"})) == ["Association rennaise"]
    assert titles(fhir("/fhir/Organization", departement="29")) == ["Maison de santé de Brest"]


def test_last_updated_filters_with_the_fhir_prefixes(fhir: Fhir) -> None:
    old, recent = OfferFactory(title="Ancienne"), OfferFactory(title="Récente")
    tz = timezone.get_current_timezone()
    Offer.objects.filter(pk=old.pk).update(updated_at=datetime(2024, 3, 1, 12, tzinfo=tz))
    Offer.objects.filter(pk=recent.pk).update(updated_at=datetime(2025, 6, 15, 12, tzinfo=tz))

    def search(*values: str) -> list[str]:
        return titles(fhir("/fhir/HealthcareService", _lastUpdated=list(values)))

    assert search("ge2025-01-01") == ["Récente"]
    assert search("lt2025") == ["Ancienne"]
    assert search("2024-03") == ["Ancienne"]
    assert search("gt2024-03-01") == ["Récente"]
    assert search("le2024-03-01") == ["Ancienne"]
    assert search("ge2024-01-01", "lt2025-06-15T12:00:00+02:00") == ["Ancienne"]
    assert search("ge2024-01-01", "le2025-06-15T12:00:00+02:00") == ["Ancienne", "Récente"]
    assert search("eq2025-06-15T10:00:00Z") == ["Récente"]
    assert search("lt2025-06-15T12:00:00 02:00") == ["Ancienne"]  # an unencoded "+" arrives as a space


def test_it_pages_with_count_and_getpagesoffset_links(fhir: Fhir) -> None:
    for n in range(5):
        OfferFactory(title=f"Offre {n}")

    first = fhir("/fhir/HealthcareService", _count="2")
    links = {link["relation"]: link["url"] for link in first["link"]}

    assert first["total"] == 5
    assert titles(first) == ["Offre 0", "Offre 1"]
    assert "_getpagesoffset=2" in links["next"]
    assert "previous" not in links
    assert all(e["fullUrl"] == f"{BASE}/HealthcareService/{e['resource']['id']}" for e in first["entry"])
    assert all(e["search"] == {"mode": "match"} for e in first["entry"])
    last = fhir(links["next"].replace("_getpagesoffset=2", "_getpagesoffset=4"))
    assert titles(last) == ["Offre 4"]
    assert "next" not in {link["relation"] for link in last["link"]}
    assert len(fhir("/fhir/HealthcareService", _count="500")["entry"]) == 5  # capped at 100
    assert "entry" not in fhir("/fhir/HealthcareService", _count="0")
    assert "entry" not in fhir("/fhir/HealthcareService", _getpagesoffset="99999999999999999999")
    # Beyond int()'s limit on digits (was a 500): still just past the last page.
    assert "entry" not in fhir("/fhir/HealthcareService", _getpagesoffset="9" * 5000)
    assert len(fhir("/fhir/HealthcareService", _count="9" * 5000)["entry"]) == 5


def test_unpublished_data_is_never_exported(fhir: Fhir) -> None:
    draft = OfferFactory(title="Brouillon", status=PublicationStatus.DRAFT)
    delisted = StructureFactory(status=PublicationStatus.DELISTED)
    hidden = OfferFactory(title="Structure retirée", structure=delisted)
    visible = OfferFactory(title="Publiée")

    assert titles(fhir("/fhir/HealthcareService")) == ["Publiée"]
    # The structure of a draft offer is itself published: it is listed, its draft offer is not.
    assert set(ids(fhir("/fhir/Organization"))) == {str(visible.structure.uuid), str(draft.structure.uuid)}
    assert ids(fhir("/fhir/Location")) == [str(visible.places.get().uuid)]
    # Read by id, what left the directory says so (harvesters drop it); what never was public is unknown.
    assert fhir(f"/fhir/Organization/{delisted.uuid}")["active"] is False
    assert fhir(f"/fhir/HealthcareService/{hidden.uuid}")["active"] is False
    assert fhir(f"/fhir/Organization/{visible.structure.uuid}")["active"] is True
    for url in (
        f"/fhir/HealthcareService/{draft.uuid}",
        f"/fhir/Location/{draft.places.get().uuid}",
    ):
        outcome = fhir(url, status=404)
        assert outcome["resourceType"] == "OperationOutcome"
        assert outcome["issue"][0]["code"] == "not-found"


@pytest.mark.parametrize(
    ("url", "params", "diagnostics"),
    [
        (
            "/fhir/HealthcareService",
            {"location.near-insee-code": "29232|15"},
            "Valeur de location.near-insee-code invalide : « 29232|15 ». "
            "Format attendu : code INSEE|distance|km, par exemple 29232|15|km.",
        ),
        (
            "/fhir/HealthcareService",
            {"location.near-insee-code": "29232|15|mi"},
            "Unité de distance non prise en charge : « mi ». Seule l'unité km est acceptée.",
        ),
        (
            "/fhir/HealthcareService",
            {"location.near-insee-code": "99999|15|km"},
            "Code INSEE de commune inconnu : « 99999 ».",
        ),
        (
            "/fhir/HealthcareService",
            {"location.near-insee-code": "29232|loin|km"},
            "La distance doit être un nombre de kilomètres (reçu : « loin »).",
        ),
        ("/fhir/HealthcareService", {"service-category": "astrologie"}, "Catégorie de soins inconnue : astrologie."),
        ("/fhir/HealthcareService", {"specialty": "reiki"}, "Soin (sous-catégorie) inconnu : reiki."),
        ("/fhir/HealthcareService", {"departement": "99"}, "Département inconnu : « 99 »."),
        (
            "/fhir/Organization",
            {"_lastUpdated": "hier"},
            "Valeur de _lastUpdated invalide : « hier ». Exemples : ge2025-01-01, lt2025-06-30T12:00:00+02:00.",
        ),
        (
            "/fhir/Location",
            {"_count": "-1"},
            "Le paramètre _count doit être un nombre entier positif ou nul (reçu : « -1 »).",
        ),
        ("/fhir/Organization", {"_format": "xml"}, "Format non pris en charge : « xml ». Seul le JSON est disponible."),
        # Regressions found by tests/test_no_server_error.py: each was a 500.
        (
            "/fhir/Organization",
            {"_count": "²"},  # a digit for str.isdigit(), not for int()
            "Le paramètre _count doit être un nombre entier positif ou nul (reçu : « ² »).",
        ),
        # The day after 31/12/9999 and midnight on 1/1/0001 in Paris do not exist in UTC.
        ("/fhir/Organization", {"_lastUpdated": "9999-12-31"}, "Date invalide dans _lastUpdated : « 9999-12-31 »."),
        ("/fhir/Location", {"_lastUpdated": "ge0001-01-01"}, "Date invalide dans _lastUpdated : « 0001-01-01 »."),
        (
            "/fhir/HealthcareService",
            {"_lastUpdated": "lt9999-12-31T23:59:59"},
            "Date invalide dans _lastUpdated : « 9999-12-31T23:59:59 ».",
        ),
        # PostgreSQL refuses a NUL in text: it must not reach the database.
        (
            "/fhir/Organization",
            {"name": "a\x00b"},
            "Le paramètre name contient un caractère nul, qui n'est pas autorisé.",
        ),
        (
            "/fhir/Location",
            {"commune-cog": "\x00"},
            "Le paramètre commune-cog contient un caractère nul, qui n'est pas autorisé.",
        ),
        (
            "/fhir/HealthcareService",
            {"location.near-insee-code": "\x00|15|km"},
            "Le paramètre location.near-insee-code contient un caractère nul, qui n'est pas autorisé.",
        ),
    ],
)
def test_bad_parameters_are_an_operation_outcome_400_in_french(
    fhir: Fhir, url: str, params: dict[str, str], diagnostics: str
) -> None:
    outcome = fhir(url, status=400, **params)
    assert outcome["issue"] == [{"severity": "error", "code": "invalid", "diagnostics": diagnostics}]


def test_an_unknown_search_parameter_is_ignored_and_reported_unless_handling_is_strict(fhir: Fhir, client: Any) -> None:
    StructureFactory(name="Association rennaise")

    bundle = fhir("/fhir/Organization", couleur="bleu")

    assert [e["resource"]["name"] for e in bundle["entry"] if e["search"]["mode"] == "match"] == [
        "Association rennaise"
    ]
    [reported] = [e for e in bundle["entry"] if e["search"]["mode"] == "outcome"]
    assert reported["resource"]["issue"][0]["severity"] == "warning"
    assert reported["resource"]["issue"][0]["diagnostics"] == "Paramètre inconnu ignoré : couleur."
    strict = client.get("/fhir/Organization", {"couleur": "bleu"}, headers={"Prefer": "handling=strict"})
    assert strict.status_code == 400
    assert "couleur" in strict.json()["issue"][0]["diagnostics"]


def test_unknown_ids_and_resource_types_are_404_operation_outcomes(fhir: Fhir) -> None:
    assert fhir(f"/fhir/Organization/{uuid4()}", status=404)["issue"][0]["code"] == "not-found"
    assert fhir("/fhir/Location/pas-un-uuid", status=404)["issue"][0]["code"] == "not-found"
    assert fhir("/fhir/CodeSystem/inconnu", status=404)["issue"][0]["code"] == "not-found"
    assert fhir("/fhir/Patient", status=404)["issue"][0]["code"] == "not-supported"


def test_the_taxonomy_code_system_has_categories_with_their_subcategories(fhir: Fhir) -> None:
    code_system = fhir("/fhir/CodeSystem/sos-taxonomie")

    assert code_system["url"] == TAXONOMY
    assert [c["code"] for c in code_system["concept"]] == list(
        Category.objects.order_by("order", "label").values_list("code", flat=True)
    )
    douleur = next(c for c in code_system["concept"] if c["code"] == "douleur")
    assert "hypnoanalgesie" in [c["code"] for c in douleur["concept"]]
    assert code_system["count"] == Category.objects.count() + SubCategory.objects.count()
    assert fhir("/fhir/CodeSystem")["total"] == 10
    assert fhir("/fhir/CodeSystem/sos-modalite")["concept"][0] == {"code": "sur-place", "display": "Sur place"}


def test_the_capability_statement_lists_the_resources_and_search_parameters(fhir: Fhir) -> None:
    statement = fhir("/fhir/metadata")
    types = {r["type"]: r for r in statement["rest"][0]["resource"]}
    assert set(types) == {"Organization", "Location", "HealthcareService", "CodeSystem", "StructureDefinition"}
    assert statement["implementationGuide"] == [
        "https://interop.esante.gouv.fr/ig/fhir/ror/ImplementationGuide/ans.fhir.fr.ror|0.7.0"
    ]
    service_params = {p["name"]: p["type"] for p in types["HealthcareService"]["searchParam"]}
    assert service_params["location.near-insee-code"] == "special"
    assert service_params["organization"] == service_params["location"] == "reference"
    assert {p["name"]: p["type"] for p in types["Organization"]["searchParam"]}["name"] == "string"
    assert types["HealthcareService"]["searchInclude"] == [
        "HealthcareService:location",
        "HealthcareService:organization",
        "Organization:partof",
    ]
    assert types["Location"]["searchRevInclude"] == ["HealthcareService:location"]


def test_searches_run_a_constant_number_of_queries(fhir: Fhir, django_assert_num_queries: Any) -> None:
    def make(n: int) -> None:
        for _ in range(n):
            structure = StructureFactory()
            places = [PlaceFactory(structure=structure), PlaceFactory(structure=structure)]
            OfferFactory(structure=structure, subcategory_codes=["yoga", "pilates"], places=places)

    def warm(radius: int) -> None:
        """Reads the reference data once since the last change (another URL: answers are cached)."""
        fhir("/fhir/HealthcareService", **{"location.near-insee-code": f"{RENNES}|{radius}|km"})

    make(1)
    expected = {
        # count, page with each offer's sub-categories and places (docs/adr/0046); the taxonomy
        # and the ROR mapping are remembered
        "/fhir/HealthcareService": 2,
        "/fhir/Organization": 4,  # sites and legal entities: count and page of each
        "/fhir/Location": 2,
    }
    warm(10)
    for url, queries in expected.items():
        with django_assert_num_queries(queries):
            fhir(url)
    make(5)
    warm(20)
    for url, queries in expected.items():
        with django_assert_num_queries(queries):
            fhir(url)
    with django_assert_num_queries(2):  # the commune of the centre is remembered too
        fhir("/fhir/HealthcareService", **{"location.near-insee-code": f"{RENNES}|30|km"})
    assert Place.objects.count() == 12
