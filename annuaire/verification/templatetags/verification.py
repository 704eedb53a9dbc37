"""Template helpers of the yearly verification (public pages and back office)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django import template
from django.utils import timezone

from annuaire.directory.models import Notice, Offer
from annuaire.verification.schedule import is_past_period, public_terms

register = template.Library()


@register.filter
def get_count(counter: Counter[str], key: str) -> int:
    return counter.get(key, 0)


@register.simple_tag
def verification_terms() -> dict[str, object]:
    """The calendar the public pages describe, read from the code that applies it."""
    terms = public_terms()
    days = [str(d) for d in terms.reminder_days]
    months = {1: "un mois", 2: "deux mois", 3: "trois mois"}
    return {
        "request_days_before": terms.request_days_before,
        "reminder_text": ", ".join(days[:-1]) + " et " + days[-1],
        "grace_text": months.get(terms.grace_months, f"{terms.grace_months} mois"),
    }


@register.filter
def closed_today(offer: Offer) -> bool:
    """The search annotates `closed_today` (annuaire.directory.search); elsewhere: not known, not shown."""
    return bool(getattr(offer, "closed_today", False))


@register.simple_tag
def current_notices(offer: Offer) -> list[Notice]:
    """The notices of `offer` and of its structure showing today (one query)."""
    return list(Notice.objects.current(timezone.localdate()).about(offer.pk, offer.structure_id))


@register.filter
def check_under_way(last_confirmed: date | None) -> bool:
    """True when data confirmed on `last_confirmed` is past its yearly check (shown to the public)."""
    return is_past_period(last_confirmed, timezone.localdate())
