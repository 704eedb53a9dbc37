"""Opening hours in OpenStreetMap syntax, built from rows and read back."""

from datetime import time

import pytest

from annuaire.core.opening_hours import (
    OpeningHoursError,
    OpeningSlot,
    describe_opening_hours,
    format_opening_hours,
    parse_opening_hours,
)


def slots(*rows: tuple[str, str, str]) -> list[OpeningSlot]:
    return [OpeningSlot(day, time.fromisoformat(a), time.fromisoformat(b)) for day, a, b in rows]


WEEK = slots(
    *[(d, "09:00", "12:00") for d in ("Mo", "Tu", "We", "Th", "Fr")],
    *[(d, "14:00", "17:00") for d in ("Mo", "Tu", "We", "Th", "Fr")],
    ("Sa", "09:00", "12:00"),
)


def test_rows_become_grouped_osm_text() -> None:
    assert format_opening_hours(WEEK) == "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00"
    assert format_opening_hours(slots(("Mo", "10:00", "12:00"), ("We", "10:00", "12:00"))) == "Mo,We 10:00-12:00"
    assert format_opening_hours([]) == ""


def test_the_text_reads_back_into_the_same_rows() -> None:
    assert parse_opening_hours("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00") == sorted(
        WEEK, key=lambda s: (["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"].index(s.day), s.opens)
    )
    assert parse_opening_hours("Mo-Fr 09:00-17:00; We off") == slots(
        ("Mo", "09:00", "17:00"), ("Tu", "09:00", "17:00"), ("Th", "09:00", "17:00"), ("Fr", "09:00", "17:00")
    )


def test_it_says_it_in_plain_french() -> None:
    assert describe_opening_hours("Mo-Fr 09:00-12:00; Sa 10:00-12:00") == (
        "du lundi au vendredi : 09:00-12:00 ; le samedi : 10:00-12:00"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("lundi 9h-12h", "Jours illisibles"),
        ("Mo 9h-12h", "Horaires illisibles"),
        ("Mo 25:00-26:00", "Heure impossible"),
        ("Mo", "Indiquez les heures"),
        ("Mo 12:00-09:00", "après l'heure d'ouverture"),
        ("Mo 09:00-12:00,11:00-13:00", "chevauchent"),
        ("Fr-Mo 09:00-12:00", "à l'envers"),
    ],
)
def test_unreadable_hours_get_a_french_message(text: str, message: str) -> None:
    with pytest.raises(OpeningHoursError, match=message):
        parse_opening_hours(text)
