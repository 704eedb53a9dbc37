"""The API is open data: any web site may read it from a browser (CORS)."""

import pytest
from django.test import Client

from tests.directory.factories import OfferFactory

pytestmark = pytest.mark.django_db

ORIGIN = "https://carte.example.org"


@pytest.mark.parametrize("path", ["/api/v1/offres", "/api/v1/taxonomie", "/api/v1/openapi.json"])
def test_it_allows_any_origin_to_read(path: str) -> None:
    OfferFactory()
    response = Client().get(path, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def test_it_answers_a_preflight_request_for_get() -> None:
    response = Client().options("/api/v1/offres", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert response.status_code == 200
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_it_keeps_cors_on_a_304() -> None:
    OfferFactory()
    etag = Client().get("/api/v1/offres")["ETag"]
    response = Client().get("/api/v1/offres", HTTP_ORIGIN=ORIGIN, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["Access-Control-Allow-Origin"] == "*"


def test_it_does_not_open_the_public_site_to_other_origins() -> None:
    response = Client().get("/", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response
