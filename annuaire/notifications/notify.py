"""Send an e-mail in French (text + HTML) through the database queue (django-post-office).

The message is queued in the same transaction as the change it tells about: if the change
is rolled back, nothing is sent. `manage.py send_queued_mail` sends the queue and retries
failures (SMTP down: nothing is lost). See docs/adr/0013.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from post_office import mail
from post_office.models import Email


def notify(template: str, recipients: Iterable[str], context: dict[str, Any]) -> list[Email]:
    """Queue one e-mail per recipient, rendered from `notifications/<template>.{subject.txt,txt,html}`
    (the subject and text without HTML escaping, the HTML part escaped)."""
    addresses = sorted({address for address in recipients if address})
    if not addresses:
        return []
    context = {"site_name": settings.SITE_NAME, "network_name": settings.NETWORK_NAME, **context}
    subject = " ".join(render_to_string(f"notifications/{template}.subject.txt", context, using="text").split())
    text = render_to_string(f"notifications/{template}.txt", context, using="text")
    html = render_to_string(f"notifications/{template}.html", context)
    return [
        mail.send(
            [address],
            sender=settings.DEFAULT_FROM_EMAIL,
            subject=subject,
            message=text,
            html_message=html,
            priority="medium",
        )
        for address in addresses
    ]
