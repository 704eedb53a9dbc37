"""The e-mails of the application flow, in French, as text and HTML, queued in the outbox.

Each step renders `notifications/applications/<name>.{subject.txt,txt,html}`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from annuaire.applications.models import Application
from annuaire.notifications.notify import notify


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def tracking_url(application: Application) -> str:
    return absolute(reverse("applications:tracking", kwargs={"key": application.tracking_key}))


def send(name: str, to: list[str], context: dict[str, Any]) -> None:
    """Queue the e-mail `notifications/applications/<name>` (text and HTML) through the outbox:
    in the same transaction as the step it tells about."""
    notify(f"applications/{name}", to, context)


def _applicant(application: Application) -> list[str]:
    return sorted({application.referent_email, application.email})


def application_received(application: Application) -> None:
    send(
        "received",
        _applicant(application),
        {"application": application, "tracking_url": tracking_url(application)},
    )


def reviewers_notified(application: Application, recipients: list[str], *, resubmitted: bool) -> None:
    """Tell the coordinators of the territory that an application waits for them."""
    if not recipients:
        return
    send(
        "to_review",
        recipients,
        {
            "application": application,
            "resubmitted": resubmitted,
            "review_url": absolute(reverse("candidatures:detail", kwargs={"pk": application.pk})),
        },
    )


def application_resubmitted(application: Application) -> None:
    send(
        "resubmitted",
        _applicant(application),
        {"application": application, "tracking_url": tracking_url(application)},
    )


def application_returned(application: Application) -> None:
    send(
        "returned",
        _applicant(application),
        {"application": application, "tracking_url": tracking_url(application)},
    )


def application_refused(application: Application) -> None:
    send(
        "refused",
        _applicant(application),
        {"application": application, "tracking_url": tracking_url(application)},
    )


def application_accepted(application: Application, invitation_key: str | None) -> None:
    send(
        "accepted",
        _applicant(application),
        {
            "application": application,
            "tracking_url": tracking_url(application),
            "invitation_url": invitation_url(invitation_key) if invitation_key else "",
            "login_url": absolute(resolve_url(settings.LOGIN_URL)),
            "valid_days": settings.INVITATION_VALID_DAYS,
        },
    )


def invitation_url(key: str) -> str:
    return absolute(reverse("applications:invitation", kwargs={"key": key}))


def colleague_invited(email: str, structure_name: str, invited_by_name: str, invitation_key: str) -> None:
    send(
        "colleague_invited",
        [email],
        {
            "structure_name": structure_name,
            "invited_by_name": invited_by_name,
            "invitation_url": invitation_url(invitation_key),
            "valid_days": settings.INVITATION_VALID_DAYS,
        },
    )
