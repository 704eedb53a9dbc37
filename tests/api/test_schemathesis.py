"""Property-based run of every endpoint of the OpenAPI document (schemathesis).

Generated requests must never get a server error, and every answer must match the
documented status codes, content types and response schemas.
"""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
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
def keep_test_connection_open() -> Iterator[None]:
    """The WSGI app closes the database connection after each request, which would end the
    test transaction (PostgreSQL); Django's own test client disconnects it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


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
