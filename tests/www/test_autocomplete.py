"""Commune suggestions for the search form's datalist."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def suggestions(client: Client, text: str) -> list[str]:
    response = client.get("/communes/suggestions/", {"commune": text})
    assert response.status_code == 200
    return re.findall(r'<option value="([^"]*)">', response.content.decode().replace("&#x27;", "'"))


def test_it_suggests_communes_by_name_prefix_most_populated_first(client: Client) -> None:
    assert suggestions(client, "quimper")[0] == "Quimper (29)"
    assert suggestions(client, "Rennes")[0] == "Rennes (35)"


def test_it_suggests_communes_by_postal_code(client: Client) -> None:
    assert suggestions(client, "29000") == ["Quimper (29)"]


@pytest.mark.parametrize("text", ["St Brieuc", "saint-brieuc", "SAINT BRIEUC", "st-brieuc"])
def test_it_ignores_case_hyphens_and_saint_abbreviations(client: Client, text: str) -> None:
    assert suggestions(client, text)[0] == "Saint-Brieuc (22)"


def test_it_returns_at_most_eight_suggestions(client: Client) -> None:
    assert len(suggestions(client, "saint")) == 8


def test_it_returns_nothing_for_too_short_unknown_or_missing_text(client: Client) -> None:
    assert suggestions(client, "q") == []
    assert suggestions(client, "xyzzy") == []
    assert client.get("/communes/suggestions/").status_code == 200


def test_a_suggested_label_is_accepted_by_the_search_form(client: Client) -> None:
    label = suggestions(client, "St Brieuc")[0]
    response = client.get("/", {"commune": label})
    assert response.context["criteria"].commune.name == "Saint-Brieuc"


def test_a_nul_character_is_ignored_not_sent_to_the_database(client: Client) -> None:
    # Was a 500 on PostgreSQL, which refuses a NUL in text.
    assert suggestions(client, "Bres\x00")[0] == "Brest (29)"
