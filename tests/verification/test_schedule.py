"""The calendar of the yearly verification, as dates."""

from datetime import date

from annuaire.verification.schedule import (
    Freshness,
    add_months,
    delisting_day,
    due_date,
    freshness,
    message_to_send,
)


def test_the_due_date_is_twelve_months_after_the_last_confirmation() -> None:
    assert due_date(date(2026, 3, 15)) == date(2027, 3, 15)
    assert due_date(date(2024, 2, 29)) == date(2025, 2, 28)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)


def test_delisting_comes_two_months_after_the_due_date_and_never_before_two_months_after_the_request() -> None:
    due = date(2027, 3, 15)
    assert delisting_day(due, date(2027, 1, 29)) == date(2027, 5, 15)
    assert delisting_day(due, date(2027, 4, 1)) == date(2027, 6, 1)
    assert delisting_day(due, None) is None


def test_the_request_leaves_45_days_before_then_reminders_at_30_15_and_7_days() -> None:
    due = date(2027, 3, 15)
    assert message_to_send(due, date(2027, 1, 28), {}) is None
    assert message_to_send(due, date(2027, 1, 29), {}) == "demande"
    sent = {"demande": date(2027, 1, 29)}
    assert message_to_send(due, date(2027, 2, 12), sent) is None
    assert message_to_send(due, date(2027, 2, 13), sent) == "rappel-30"
    sent["rappel-30"] = date(2027, 2, 13)
    assert message_to_send(due, date(2027, 2, 28), sent) == "rappel-15"
    sent["rappel-15"] = date(2027, 2, 28)
    assert message_to_send(due, date(2027, 3, 8), sent) == "rappel-7"
    sent["rappel-7"] = date(2027, 3, 8)
    assert message_to_send(due, date(2027, 3, 15), sent) == "echeance"
    sent["echeance"] = date(2027, 3, 15)
    assert message_to_send(due, date(2027, 4, 15), sent) is None


def test_a_late_first_run_sends_the_request_first_and_no_burst_of_reminders() -> None:
    due = date(2027, 3, 15)
    assert message_to_send(due, date(2027, 3, 10), {}) == "demande"
    sent = {"demande": date(2027, 3, 10)}
    assert message_to_send(due, date(2027, 3, 15), sent) is None
    assert message_to_send(due, date(2027, 3, 17), sent) == "echeance"


def test_freshness_of_a_structure() -> None:
    confirmed = date(2026, 3, 15)
    assert freshness(confirmed, date(2026, 12, 1)) == Freshness.FRESH
    assert freshness(confirmed, date(2027, 2, 1)) == Freshness.DUE_SOON
    assert freshness(confirmed, date(2027, 3, 15)) == Freshness.OVERDUE
