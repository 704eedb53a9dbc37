"""The yearly verification calendar, as pure date arithmetic (docs/adr/0027).

A structure is due for verification 12 months after its last confirmation. The request
leaves 45 days before that date, reminders 30, 15 and 7 days before, a last notice on the
day itself; two months after the due date without confirmation (and never less than two
months after the request) the structure is delisted.
The public wording (/a-propos/, footer, CGU) quotes these values through `public_terms()`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models

PERIOD_MONTHS = 12
REQUEST_DAYS_BEFORE = 45
REMINDER_DAYS_BEFORE = (30, 15, 7)
GRACE_MONTHS = 2
# A late run never sends two messages to a structure less than a week apart.
MIN_DAYS_BETWEEN_MESSAGES = 7
DUE_SOON_DAYS = REQUEST_DAYS_BEFORE


class MessageKind(models.TextChoices):
    REQUEST = "demande", "Demande annuelle de vérification"
    REMINDER_30 = "rappel-30", "Rappel à 30 jours"
    REMINDER_15 = "rappel-15", "Rappel à 15 jours"
    REMINDER_7 = "rappel-7", "Rappel à 7 jours"
    DUE = "echeance", "Échéance atteinte"
    DELISTED = "retrait", "Retrait automatique"


def add_months(day: date, months: int) -> date:
    """`day` moved by `months` calendar months (31 January + 1 month = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(last_confirmed: date) -> date:
    return add_months(last_confirmed, PERIOD_MONTHS)


def delisting_date(due: date) -> date:
    return add_months(due, GRACE_MONTHS)


def delisting_day(due: date, request_sent_on: date | None) -> date | None:
    """The day a structure without confirmation is delisted: two months after its due date,
    and never less than two months after the request reached it (None: no request yet)."""
    if request_sent_on is None:
        return None
    return max(delisting_date(due), add_months(request_sent_on, GRACE_MONTHS))


def message_dates(due: date) -> list[tuple[str, date]]:
    """The messages of one cycle, in order, with the day each one is due."""
    days = [(MessageKind.REQUEST, REQUEST_DAYS_BEFORE)]
    days += list(
        zip(
            (MessageKind.REMINDER_30, MessageKind.REMINDER_15, MessageKind.REMINDER_7),
            REMINDER_DAYS_BEFORE,
            strict=True,
        )
    )
    days.append((MessageKind.DUE, 0))
    return [(str(kind), due - timedelta(days=before)) for kind, before in days]


def message_to_send(due: date, today: date, sent: dict[str, date]) -> str | None:
    """The message a structure should get `today` for the cycle ending `due`, given what was
    already `sent` in that cycle (kind → day); None when nothing is owed.

    A missed day is caught up with one message, never a burst: the first message of a cycle
    is always the request, and a reminder is skipped when a message already left on or after
    its day (e.g. the request sent late, 20 days before the due date, stands for the 30-day
    reminder) and waits a week after the previous message."""
    owed = [(kind, day) for kind, day in message_dates(due) if day <= today]
    if not owed:
        return None
    if not sent:
        return str(MessageKind.REQUEST)
    kind, day = owed[-1]
    last = max(sent.values())
    if kind in sent or last >= day or (today - last).days < MIN_DAYS_BETWEEN_MESSAGES:
        return None
    return kind


class Freshness(models.TextChoices):
    """Where a structure stands in its cycle (the coordinators' dashboard)."""

    FRESH = "a-jour", "À jour"
    DUE_SOON = "bientot", "Échéance proche"
    OVERDUE = "en-retard", "Échéance dépassée"
    DELISTED = "retiree", "Retirée faute de confirmation"


def freshness(last_confirmed: date, today: date) -> str:
    due = due_date(last_confirmed)
    if today >= due:
        return str(Freshness.OVERDUE)
    if today >= due - timedelta(days=DUE_SOON_DAYS):
        return str(Freshness.DUE_SOON)
    return str(Freshness.FRESH)


def is_past_period(last_confirmed: date | None, today: date) -> bool:
    """True when data last confirmed on `last_confirmed` is older than the period (a check is under way)."""
    return last_confirmed is not None and today >= due_date(last_confirmed)


@dataclass(frozen=True)
class PublicTerms:
    period_months: int = PERIOD_MONTHS
    request_days_before: int = REQUEST_DAYS_BEFORE
    reminder_days: tuple[int, ...] = REMINDER_DAYS_BEFORE
    grace_months: int = GRACE_MONTHS


def public_terms() -> PublicTerms:
    return PublicTerms()
