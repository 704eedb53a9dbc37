"""The OpenAPI 3 document and the documentation page, in French, without any CDN."""

import re
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SEARCH_PARAMETERS = {
    "q",
    "categorie",
    "sous_categorie",
    "departement",
    "commune",
    "code_postal",
    "rayon",
    "public",
    "age",
    "lieu",
    "phase",
    "acces",
    "parcours",
    "gratuit",
    "ouvert",
    "modifie_depuis",
    "page",
    "taille",
}


def document() -> dict[str, Any]:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/")
    return dict(response.json())


def test_it_describes_exactly_the_api_endpoints() -> None:
    assert document()["openapi"].startswith("3.")
    assert sorted(document()["paths"]) == [
        "/api/v1/communes",
        "/api/v1/data-inclusion/services",
        "/api/v1/data-inclusion/structures",
        "/api/v1/lieux",
        "/api/v1/lieux/{id}",
        "/api/v1/offres",
        "/api/v1/offres/{id}",
        "/api/v1/structures",
        "/api/v1/structures/{id}",
        "/api/v1/suppressions",
        "/api/v1/taxonomie",
    ]


def test_it_documents_every_search_parameter_in_french() -> None:
    operation = document()["paths"]["/api/v1/offres"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert set(parameters) == SEARCH_PARAMETERS
    for parameter in parameters.values():
        assert len(parameter["description"]) > 10, parameter["name"]
    assert "Valeurs : `patients`" in parameters["public"]["description"]


def test_it_documents_the_400_error_shape() -> None:
    doc = document()
    response = doc["paths"]["/api/v1/offres"]["get"]["responses"]["400"]
    ref = response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(doc["components"]["schemas"][ref]["properties"]) == {"erreurs", "message"}


def test_it_documents_the_data_inclusion_export_with_its_own_page_size() -> None:
    paths = document()["paths"]
    for path in ("/api/v1/data-inclusion/structures", "/api/v1/data-inclusion/services"):
        operation = paths[path]["get"]
        assert operation["tags"] == ["data·inclusion"]
        assert "https://github.com/gip-inclusion/data-inclusion-schema" in operation["description"]
        assert set(operation["responses"]) == {"200", "304", "400"}
        taille = next(p for p in operation["parameters"] if p["name"] == "taille")
        assert taille["schema"]["maximum"] == 250
        assert "100 par défaut, 250 au plus" in taille["description"]


def test_it_serves_a_readable_documentation_page_without_external_resources() -> None:
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "/api/v1/offres" in html
    assert "sous_categorie" in html
    assert "Distance maximale autour de la commune" in html
    assert "https://" not in html.split("<body>")[0]
    assert "<script" not in html


@pytest.mark.parametrize(
    "text", ["\x1eL", "\U000c821c\x1f", "m\t", "\x85a\u3000", " a ", "Sa", "Saint-Malo", "Sa\x00", "S\x00a", "\x00\x00"]
)
def test_the_commune_query_is_documented_valid_exactly_when_the_api_accepts_it(text: str) -> None:
    """The API strips spaces (control characters included) before counting 2 characters."""
    schema = document()["paths"]["/api/v1/communes"]["get"]["parameters"][0]["schema"]
    documented_valid = bool(re.search(schema["pattern"], text)) and len(text) >= schema["minLength"]
    status = Client().get("/api/v1/communes", {"q": text}).status_code
    assert status == (200 if documented_valid else 400)


@pytest.mark.parametrize("text", ["a", " a ", "\x1e", "\x1fa\x85", "\x00", "a\x00b", "yoga"])
def test_the_free_text_of_the_offer_search_is_documented_valid_exactly_when_the_api_accepts_it(text: str) -> None:
    parameters = document()["paths"]["/api/v1/offres"]["get"]["parameters"]
    schema = next(p for p in parameters if p["name"] == "q")["schema"]
    documented_valid = bool(re.search(schema["pattern"], text)) and len(text) >= schema["minLength"]
    status = Client().get("/api/v1/offres", {"q": text}).status_code
    assert status == (200 if documented_valid else 400)
