"""The profile checks of tests/interop/ror_profiles.py catch a missing required element:
each removal below turns a conforming resource into a violation (so the demo-region test,
which finds none, proves something)."""

import copy
from collections.abc import Callable
from typing import Any

import pytest

from tests.directory.factories import OfferFactory, StructureFactory
from tests.interop.ror_profiles import ROR, violations

pytestmark = pytest.mark.django_db

Json = dict[str, Any]


def drop_extension(name: str) -> Callable[[Json], None]:
    def mutate(resource: Json) -> None:
        resource["extension"] = [e for e in resource["extension"] if e["url"] != ROR + name]

    return mutate


def drop_age_bound(bound: str) -> Callable[[Json], None]:
    def mutate(resource: Json) -> None:
        patient_type = next(e for e in resource["extension"] if e["url"].endswith("patient-type"))
        age_range = next(e for e in patient_type["extension"] if e["url"] == "ageRange")
        del age_range["valueRange"][bound]

    return mutate


def drop_telecom_extension(resource: Json) -> None:
    resource["telecom"][0]["extension"] = resource["telecom"][0]["extension"][:1]


def national_only(key: str, keep: Callable[[Json], bool]) -> Callable[[Json], None]:
    def mutate(resource: Json) -> None:
        resource[key] = [item for item in resource[key] if keep(item)]

    return mutate


def is_national(system_part: str) -> Callable[[Json], bool]:
    return lambda concept: not any(system_part in c["system"] for c in concept["coding"])


HEALTHCARE_SERVICE_MUTATIONS: dict[str, Callable[[Json], None]] = {
    "meta.profile": lambda r: r["meta"].pop("profile"),
    "meta.lastUpdated": lambda r: r["meta"].pop("lastUpdated"),
    "creation date": drop_extension("ror-meta-creation-date"),
    "sensitive unit": drop_extension("ror-healthcareservice-sensitive-unit"),
    "patient type": drop_extension("ror-healthcareservice-patient-type"),
    "age range low": drop_age_bound("low"),
    "age range high": drop_age_bound("high"),
    "identifier": lambda r: r.pop("identifier"),
    "providedBy": lambda r: r.pop("providedBy"),
    "type": lambda r: r.pop("type"),
    "type from J20": lambda r: r["type"][0]["coding"][0].update(code="99"),
    "operational activity": national_only("specialty", is_national("TRE_R211")),
    "care mode": national_only("characteristic", is_national("TRE_R213")),
    "care mode from J19": lambda r: r["characteristic"][0]["coding"][0].update(code="999"),
    "telecom confidentiality": drop_telecom_extension,
}


@pytest.fixture
def service(fhir: Any) -> Json:
    offer = OfferFactory(contact_phone="02 98 00 00 00", subcategory_codes=["hypnoanalgesie"])
    resource: Json = fhir(f"/fhir/HealthcareService/{offer.uuid}")
    return resource


def test_a_healthcare_service_of_the_directory_passes_the_ror_profile(service: Json) -> None:
    assert violations(service) == []


@pytest.mark.parametrize("removed", HEALTHCARE_SERVICE_MUTATIONS)
def test_removing_a_required_element_of_a_healthcare_service_is_a_violation(service: Json, removed: str) -> None:
    broken = copy.deepcopy(service)
    HEALTHCARE_SERVICE_MUTATIONS[removed](broken)
    assert violations(broken) != []


def test_removing_a_required_element_of_an_organization_or_location_is_a_violation(fhir: Any) -> None:
    structure = StructureFactory(phone="02 98 00 00 00")
    offer = OfferFactory(structure=structure)
    organization = fhir(f"/fhir/Organization/{structure.uuid}")
    location = fhir(f"/fhir/Location/{offer.places.get().uuid}")
    assert violations(organization) == violations(location) == []

    for resource, extension in ((organization, "ror-meta-creation-date"), (location, "ror-commune-cog")):
        broken = copy.deepcopy(resource)
        drop_extension(extension)(broken)
        assert violations(broken) != []
    broken = copy.deepcopy(organization)
    drop_telecom_extension(broken)
    assert violations(broken) != []
    broken = copy.deepcopy(organization)
    broken["identifier"][0]["system"] = "http://sirene.fr"  # the system FR Core and the ROR do not use
    assert violations(broken) != []
