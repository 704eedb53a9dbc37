"""The one door through which the verification feature sends e-mail.

Until the back office's e-mail queue lands this renders the same templates
(`notifications/<template>.{subject.txt,txt,html}`) and hands them to Django's mail; after
it, it calls `annuaire.notifications.notify.notify` (queued, retried, sent by cron)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send(template: str, recipients: Iterable[str], context: dict[str, Any]) -> list[str]:
    """One e-mail per address; returns the addresses written to."""
    addresses = sorted({address for address in recipients if address})
    context = {"site_name": settings.SITE_NAME, "network_name": settings.NETWORK_NAME, **context}
    subject = " ".join(render_to_string(f"notifications/{template}.subject.txt", context).split())
    text = render_to_string(f"notifications/{template}.txt", context)
    html = render_to_string(f"notifications/{template}.html", context)
    for address in addresses:
        message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [address])
        message.attach_alternative(html, "text/html")
        message.send()
    return addresses


def absolute(path: str) -> str:
    return str(getattr(settings, "SITE_URL", "http://127.0.0.1:8000")).rstrip("/") + path
