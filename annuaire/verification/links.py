"""The signed link of the verification e-mails: it names the structure, lasts one cycle,
and leads (after logging in) to its confirmation page. Tampered or stale links are refused."""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

from annuaire.verification import mail
from annuaire.verification.schedule import GRACE_MONTHS, REQUEST_DAYS_BEFORE

_SALT = "annuaire.verification.link"
MAX_AGE_SECONDS = (REQUEST_DAYS_BEFORE + 31 * GRACE_MONTHS + 7) * 24 * 3600


def token_for(structure_pk: int) -> str:
    return signing.dumps(structure_pk, salt=_SALT)


def structure_from(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=_SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def confirmation_link(structure_pk: int) -> str:
    return mail.absolute(reverse("verification:link", kwargs={"token": token_for(structure_pk)}))
