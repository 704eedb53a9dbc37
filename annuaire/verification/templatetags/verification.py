"""Template helpers of the yearly verification (public pages and back office)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django import template
from django.utils import timezone

from annuaire.verification.schedule import is_past_period

register = template.Library()


@register.filter
def get_count(counter: Counter[str], key: str) -> int:
    return counter.get(key, 0)


@register.filter
def check_under_way(last_confirmed: date | None) -> bool:
    """True when data confirmed on `last_confirmed` is past its yearly check (shown to the public)."""
    return is_past_period(last_confirmed, timezone.localdate())
