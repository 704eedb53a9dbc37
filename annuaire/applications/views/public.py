"""Public pages of the application flow: apply, follow, complete (by the secret tracking link)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from annuaire.applications import workflow
from annuaire.applications.enums import ApplicationStatus
from annuaire.applications.forms.application import ApplicationForm, CompletionForm
from annuaire.applications.models import Application, PilotTerritory
from annuaire.applications.views.posted import posted
from annuaire.applications.workflow import ApplicationError, Submission


def _open_territories() -> list[PilotTerritory]:
    return list(PilotTerritory.objects.open().select_related("departement", "commune").order_by("pk"))


def apply(request: HttpRequest) -> HttpResponse:
    territories = _open_territories()
    form = ApplicationForm(*posted(request)) if territories else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            application = workflow.submit(
                Submission(form.save(commit=False), form.checked_documents),
                form.signature(),  # type: ignore[arg-type]
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Votre candidature est envoyée. Vous allez recevoir un e-mail de confirmation.")
            return redirect("applications:tracking", key=application.tracking_key)
    return render(
        request,
        "applications/apply.html",
        {"form": form, "territories": territories, "contact_email": settings.NETWORK_CONTACT_EMAIL},
    )


def _by_key(key: str) -> Application:
    application = Application.objects.by_tracking_key(key)
    if application is None:
        raise Http404("Ce lien de suivi n'est pas valide.")
    return application


def tracking(request: HttpRequest, key: str) -> HttpResponse:
    application = _by_key(key)
    events = application.events.all()
    return render(
        request,
        "applications/tracking.html",
        {
            "application": application,
            "events": events,
            "is_returned": application.status == ApplicationStatus.RETURNED,
            "complete_url": reverse("applications:complete", kwargs={"key": key}),
            "contact_email": settings.NETWORK_CONTACT_EMAIL,
        },
    )


def complete(request: HttpRequest, key: str) -> HttpResponse:
    application = _by_key(key)
    if application.status != ApplicationStatus.RETURNED:
        messages.info(request, "Cette candidature n'est pas à compléter.")
        return redirect("applications:tracking", key=key)
    sign_again = bool(workflow.kinds_to_accept_again(application))
    form = CompletionForm(*posted(request), instance=application, sign_again=sign_again)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.resubmit(form.save(commit=False), form.checked_documents, form.signature())
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Votre candidature complétée est envoyée.")
            return redirect("applications:tracking", key=key)
    return render(
        request,
        "applications/complete.html",
        {"form": form, "application": application, "tracking_url": reverse("applications:tracking", args=[key])},
    )
