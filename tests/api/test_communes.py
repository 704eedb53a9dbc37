"""`GET /api/v1/communes?q=`: autocomplete by name or postal code."""

import pytest

from tests.api.helpers import get

pytestmark = pytest.mark.django_db


def test_it_finds_a_commune_by_name_without_accents() -> None:
    first = get("/api/v1/communes", q="quimper")["results"][0]
    assert first["code_insee"] == "29232"
    assert first["nom"] == "Quimper"
    assert first["departement"] == "29"
    assert "29000" in first["codes_postaux"]
    assert first["libelle"] == "Quimper (29)"
    assert first["lat"] and first["lng"]


def test_it_finds_communes_by_postal_code() -> None:
    results = get("/api/v1/communes", q="35000")["results"]
    assert results[0]["nom"] == "Rennes"


def test_it_gives_at_most_ten_communes_most_populated_first() -> None:
    results = get("/api/v1/communes", q="saint")["results"]
    assert len(results) == 10
    assert [r["nom"] for r in results[:2]] == ["Saint-Malo", "Saint-Brieuc"]


def test_its_insee_code_is_what_the_offer_search_takes() -> None:
    code = get("/api/v1/communes", q="Brest")["results"][0]["code_insee"]
    assert get("/api/v1/offres", commune=code)["count"] == 0
