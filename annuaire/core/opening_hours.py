"""Opening hours in OpenStreetMap `opening_hours` syntax, built from rows and parsed back.

The back-office form edits rows (day, opens, closes); the database keeps the OSM text
(e.g. `Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00`), which the data·inclusion export
and OpenStreetMap understand as is. Only the subset the form produces is read back:
week days (single, lists and ranges) followed by time spans, rules separated by `;`,
and `off`. Anything else gets a French message (`OpeningHoursError`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import time

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_LABELS = {
    "Mo": "lundi",
    "Tu": "mardi",
    "We": "mercredi",
    "Th": "jeudi",
    "Fr": "vendredi",
    "Sa": "samedi",
    "Su": "dimanche",
}

_SPAN = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")


class OpeningHoursError(ValueError):
    """Opening hours that cannot be read; the message is French, for people."""


@dataclass(frozen=True, order=True)
class OpeningSlot:
    """One opening period on one week day: `day` is an OSM code (`Mo`...`Su`)."""

    day: str
    opens: time
    closes: time

    def __post_init__(self) -> None:
        if self.day not in DAYS:
            raise OpeningHoursError(f"Jour inconnu : « {self.day} ».")
        if self.closes <= self.opens:
            raise OpeningHoursError(
                f"Le {DAY_LABELS[self.day]}, l'heure de fermeture ({self.closes:%H:%M}) doit être "
                f"après l'heure d'ouverture ({self.opens:%H:%M})."
            )


def format_opening_hours(slots: list[OpeningSlot]) -> str:
    """The OSM text of `slots`: days with the same spans are grouped (`Mo-Fr`, `Mo,We`)."""
    by_day: dict[str, list[OpeningSlot]] = {day: [] for day in DAYS}
    for slot in sorted(slots, key=lambda s: (DAYS.index(s.day), s.opens)):
        by_day[slot.day].append(slot)
    for day, day_slots in by_day.items():
        for before, after in itertools.pairwise(day_slots):
            if after.opens < before.closes:
                raise OpeningHoursError(f"Le {DAY_LABELS[day]}, deux plages horaires se chevauchent.")
    spans = {day: ",".join(f"{s.opens:%H:%M}-{s.closes:%H:%M}" for s in day_slots) for day, day_slots in by_day.items()}
    rules: list[str] = []
    groups: dict[str, list[str]] = {}
    for day in DAYS:
        if spans[day]:
            groups.setdefault(spans[day], []).append(day)
    for span, days in sorted(groups.items(), key=lambda item: DAYS.index(item[1][0])):
        rules.append(f"{_day_selector(days)} {span}")
    return "; ".join(rules)


def parse_opening_hours(text: str) -> list[OpeningSlot]:
    """The slots described by an OSM `opening_hours` text (the subset described above)."""
    slots: dict[str, list[OpeningSlot]] = {}
    for rule in (part.strip() for part in (text or "").split(";")):
        if not rule:
            continue
        selector, _, spans = rule.partition(" ")
        days = _parse_days(selector)
        spans = spans.strip()
        if not spans:
            raise OpeningHoursError(f"Indiquez les heures après « {selector} » (ex. « {selector} 09:00-12:00 »).")
        for day in days:  # a later rule replaces an earlier one for the same day, as in OSM
            slots[day] = [] if spans == "off" else [_parse_span(day, span) for span in spans.split(",")]
    flat = [slot for day in DAYS for slot in sorted(slots.get(day, []))]
    format_opening_hours(flat)  # checks overlaps
    return flat


def describe_opening_hours(text: str) -> str:
    """The opening hours in plain French, e.g. « du lundi au vendredi : 09:00-12:00 »."""
    slots = parse_opening_hours(text)
    lines = []
    for rule in format_opening_hours(slots).split("; ") if slots else []:
        selector, _, spans = rule.partition(" ")
        lines.append(f"{_describe_days(_parse_days(selector))} : {spans.replace(',', ', ')}")
    return " ; ".join(lines)


def _day_selector(days: list[str]) -> str:
    indexes = [DAYS.index(d) for d in days]
    runs: list[list[int]] = []
    for index in indexes:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    parts = [f"{DAYS[r[0]]}-{DAYS[r[-1]]}" if len(r) > 2 else ",".join(DAYS[i] for i in r) for r in runs]
    return ",".join(parts)


def _parse_days(selector: str) -> list[str]:
    days: list[str] = []
    for part in selector.split(","):
        first, dash, last = part.partition("-")
        if first not in DAYS or (dash and last not in DAYS):
            raise OpeningHoursError(
                f"Jours illisibles : « {selector} ». Utilisez Mo, Tu, We, Th, Fr, Sa, Su (ex. « Mo-Fr »)."
            )
        start, end = DAYS.index(first), DAYS.index(last) if dash else DAYS.index(first)
        if end < start:
            raise OpeningHoursError(f"Plage de jours à l'envers : « {part} ».")
        days += [DAYS[i] for i in range(start, end + 1) if DAYS[i] not in days]
    return days


def _parse_span(day: str, span: str) -> OpeningSlot:
    match = _SPAN.match(span.strip())
    if not match:
        raise OpeningHoursError(f"Horaires illisibles : « {span} ». Écrivez-les comme « 09:00-12:00 ».")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        raise OpeningHoursError(f"Heure impossible : « {span} » (de 00:00 à 23:59).")
    return OpeningSlot(day, time(h1, m1), time(h2, m2))


def _describe_days(days: list[str]) -> str:
    if len(days) > 2 and [DAYS.index(d) for d in days] == list(range(DAYS.index(days[0]), DAYS.index(days[-1]) + 1)):
        return f"du {DAY_LABELS[days[0]]} au {DAY_LABELS[days[-1]]}"
    labels = [DAY_LABELS[d] for d in days]
    return "le " + " et ".join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels)
