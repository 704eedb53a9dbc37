"""Property-based run of every endpoint of the OpenAPI document (schemathesis).

Generated requests must never get a server error, and every answer must match the
documented status codes, content types and response schemas.
"""

from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from annuaire.directory.enums import Cost
from tests.directory.factories import OfferFactory
from tests.geo.factories import BREST, QUIMPER, commune

# Django's WSGI handler, as config/wsgi.py builds it (which also refuses the test settings' public key).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

# The stricter checks too: what the schema allows is accepted (a page past the last one is an
# empty page), what it forbids is refused (`parcours=null` is a 400, not "true").
# The search refers to communes (free text: a name or a postal code) and to the taxonomy
# (edited in the admin), values the schema cannot list: an unknown one is a French 400 by
# design, so only there a schema-valid request may be refused.
REFERENCES_UNKNOWN_TO_THE_SCHEMA = {"/api/v1/offres"}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
    positive_data_acceptance,
]


@pytest.fixture
def directory(db: Any, keep_test_connection_open: None) -> None:
    OfferFactory(title="Consultation de psychologue", commune=commune(BREST))
    OfferFactory(
        title="Diététique",
        subcategory_codes=["consultation-dieteticien"],
        commune=commune(QUIMPER),
        cost=Cost.PARTLY_PAID,
        cost_amount=20,
    )
    OfferFactory(title="Yoga")


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_it_never_answers_a_server_error_and_matches_its_schema(case: Any, directory: None) -> None:
    checks = CHECKS
    if case.operation.path in REFERENCES_UNKNOWN_TO_THE_SCHEMA:
        checks = [check for check in CHECKS if check is not positive_data_acceptance]
    case.call_and_validate(checks=checks)
