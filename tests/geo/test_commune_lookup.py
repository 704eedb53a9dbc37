"""Finding a commune by what people type: names, postal codes, old names."""

import pytest

from annuaire.core.errors import InvalidValue
from annuaire.geo.lookup import resolve_place
from annuaire.geo.models import Commune
from tests.geo.factories import QUIMPER, RENNES, SAINT_BRIEUC

pytestmark = pytest.mark.django_db


def first(query: str) -> str:
    match = Commune.objects.lookup(query).first()
    assert match is not None, query
    return match.code


@pytest.mark.parametrize("typed", ["quimper", "QUIMPER", "Quimp", "29000"])
def test_it_finds_quimper(typed: str) -> None:
    assert first(typed) == QUIMPER


@pytest.mark.parametrize("typed", ["St Brieuc", "saint-brieuc", "Saint Brieuc", "st-brieuc", "22000"])
def test_it_finds_saint_brieuc_whatever_the_spelling(typed: str) -> None:
    assert first(typed) == SAINT_BRIEUC


def test_the_most_populated_commune_comes_first() -> None:
    names = [c.name for c in Commune.objects.lookup("rennes")[:2]]
    assert names[0] == "Rennes"


def test_a_commune_with_several_postal_codes_is_found_by_each() -> None:
    assert {first(code) for code in ["35000", "35200", "35700"]} == {RENNES}


def test_a_partial_postal_code_lists_the_communes_starting_with_it() -> None:
    assert all(c.departement_id == "29" for c in Commune.objects.lookup("290")[:10])


def test_nothing_matches_empty_or_unknown_text() -> None:
    assert not Commune.objects.lookup("").exists()
    assert not Commune.objects.lookup("--").exists()
    assert not Commune.objects.lookup("Atlantide").exists()


def test_the_autocomplete_label_resolves_to_its_commune() -> None:
    commune = resolve_place("Quimper (29)").commune
    assert commune is not None and commune.code == QUIMPER
    with pytest.raises(InvalidValue):
        resolve_place("Quimper (35)")
