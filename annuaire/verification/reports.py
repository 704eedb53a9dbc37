"""Public error reports ("Signaler une erreur") on offers: received, rate limited, routed.

Spam protection without a third-party captcha: a honeypot field (checked by the form) and
a limit per client address in the cache (REPORTS_PER_HOUR per hour; the default cache is
per process, a shared cache such as Redis makes it global)."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from annuaire.directory.models import Offer
from annuaire.directory.publication import Level
from annuaire.verification import mail, recipients
from annuaire.verification.models import ErrorReport

REPORTS_PER_HOUR = 5
_WINDOW_SECONDS = 3600


class TooManyReports(Exception):
    """The client sent too many reports this hour; the message is for people."""

    def __str__(self) -> str:
        return "Vous avez déjà envoyé plusieurs signalements : merci de réessayer dans une heure."


def take_slot(client_key: str) -> None:
    """Count one report for `client_key`, or raise `TooManyReports` past the limit."""
    key = f"verification:report:{client_key}"
    cache.add(key, 0, _WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, _WINDOW_SECONDS)
        count = 1
    if count > REPORTS_PER_HOUR:
        raise TooManyReports


@transaction.atomic
def receive_report(offer: Offer, what: str, contact: str, client_key: str) -> ErrorReport:
    """Save the report, tell the territorial coordinators and the structure."""
    take_slot(client_key)
    report = ErrorReport.objects.create(offer=offer, what=what.strip(), contact=contact.strip())
    structure = offer.structure
    context = {
        "offer": offer.title,
        "structure": structure.name,
        "what": report.what,
        "queue": mail.absolute(reverse("verification:reports")),
    }
    mail.send("verification-error-report", recipients.emails(Level.TERRITORIAL, structure), context)
    mail.send("verification-error-report-structure", recipients.structure_emails(structure), {**context, "queue": ""})
    return report
