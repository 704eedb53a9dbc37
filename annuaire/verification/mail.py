"""The one door through which the verification feature sends e-mail: the back office's
queue (`annuaire.notifications.notify`, docs/adr/0013), in the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings

from annuaire.notifications.notify import notify


def send(template: str, recipients: Iterable[str], context: dict[str, Any]) -> list[str]:
    """Queue one e-mail per address (templates `notifications/<template>.*`); the addresses written to."""
    return [address for email in notify(template, recipients, context) for address in email.to]


def absolute(path: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + path
