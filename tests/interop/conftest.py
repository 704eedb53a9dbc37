"""Helpers for the interoperability tests: validation with the official packages."""

from io import StringIO
from typing import Any

import pytest
from data_inclusion.schema.v1 import Service, Structure
from django.core.management import call_command
from django.test import Client
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.healthcareservice import HealthcareService
from fhir.resources.R4B.location import Location
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.structuredefinition import StructureDefinition

FHIR_MODELS: dict[str, Any] = {
    "Bundle": Bundle,
    "CodeSystem": CodeSystem,
    "CapabilityStatement": CapabilityStatement,
    "HealthcareService": HealthcareService,
    "Location": Location,
    "OperationOutcome": OperationOutcome,
    "Organization": Organization,
    "StructureDefinition": StructureDefinition,
}

# Strict: the schema's "avertissements" (warnings) count as errors in our tests.
STRICT = {"ignore_warnings": False}


def validate_fhir(resource: dict[str, Any]) -> None:
    """Validate with fhir.resources (R4B models); a Bundle validates its entries too."""
    FHIR_MODELS[resource["resourceType"]].model_validate(resource)
    for entry in resource.get("entry", []):
        FHIR_MODELS[entry["resource"]["resourceType"]].model_validate(entry["resource"])


def validate_structure(record: dict[str, Any]) -> None:
    Structure.model_validate(record, context=STRICT)


def validate_service(record: dict[str, Any]) -> None:
    Service.model_validate(record, context=STRICT)


def fhir_get(client: Client, url: str, status: int = 200, **params: Any) -> dict[str, Any]:
    response = client.get(url, params)
    assert response.status_code == status, response.content.decode()
    assert response["Content-Type"].startswith("application/fhir+json")
    body = response.json()
    validate_fhir(body)
    return body


@pytest.fixture
def fhir(client: Client) -> Any:
    return lambda url, status=200, **params: fhir_get(client, url, status, **params)


@pytest.fixture(autouse=True)
def _ror_mapping(request: pytest.FixtureRequest) -> None:
    """The default ROR mapping, as `make setup` loads it (a transactional test of another
    folder may have flushed it)."""
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("_django_db_helper")
        from annuaire.interop.models import RorMapping

        if not RorMapping.objects.exists():
            call_command("load_ror_mapping", stdout=StringIO())
