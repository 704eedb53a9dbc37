"""The e-mails of the application flow, in French, as text and HTML.

Each step renders `applications/emails/<name>.txt` and `.html` with the same context.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.shortcuts import resolve_url
from django.template.loader import render_to_string
from django.urls import reverse

from annuaire.applications.models import Application


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def tracking_url(application: Application) -> str:
    return absolute(reverse("applications:tracking", kwargs={"key": application.tracking_key}))


def send(name: str, subject: str, to: list[str], context: dict[str, Any]) -> None:
    context = {"SITE_NAME": settings.SITE_NAME, "NETWORK_NAME": settings.NETWORK_NAME, **context}
    text = render_to_string(f"applications/emails/{name}.txt", context)
    html = render_to_string(f"applications/emails/{name}.html", context)
    message = EmailMultiAlternatives(f"{subject} – {settings.SITE_NAME}", text, to=to)
    message.attach_alternative(html, "text/html")
    message.send()


def _applicant(application: Application) -> list[str]:
    return sorted({application.referent_email, application.email})


def application_received(application: Application) -> None:
    send(
        "received",
        "Votre candidature est bien reçue",
        _applicant(application),
        {"application": application, "tracking_url": tracking_url(application)},
    )


def reviewers_notified(application: Application, recipients: list[str], *, resubmitted: bool) -> None:
    """Tell the coordinators of the territory that an application waits for them."""
    if not recipients:
        return
    send(
        "to_review",
        "Candidature complétée à examiner" if resubmitted else "Nouvelle candidature à examiner",
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
        "Votre candidature complétée est bien reçue",
        _applicant(application),
        {"application": application, "tracking_url": tracking_url(application)},
    )


def application_returned(application: Application) -> None:
    send(
        "returned",
        "Votre candidature est à compléter",
        _applicant(application),
        {"application": application, "tracking_url": tracking_url(application)},
    )


def application_refused(application: Application) -> None:
    send(
        "refused",
        "Réponse à votre candidature",
        _applicant(application),
        {"application": application, "tracking_url": tracking_url(application)},
    )


def application_accepted(application: Application, invitation_key: str | None) -> None:
    send(
        "accepted",
        "Votre candidature est acceptée",
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
        f"Invitation à rejoindre {structure_name}",
        [email],
        {
            "structure_name": structure_name,
            "invited_by_name": invited_by_name,
            "invitation_url": invitation_url(invitation_key),
            "valid_days": settings.INVITATION_VALID_DAYS,
        },
    )
