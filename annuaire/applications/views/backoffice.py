"""Back office of applications: the queue, the criteria grid, the decision, the documents.

Every object is fetched through `access.visible_applications(user)`: an application outside
the person's role and territory is a 404, even by its address.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from annuaire.applications import access, workflow
from annuaire.applications.criteria import CRITERIA
from annuaire.applications.enums import ApplicationStatus
from annuaire.applications.forms.application import ApplicationForm
from annuaire.applications.forms.review import DecisionForm, GridForm
from annuaire.applications.models import Application, ApplicationDocument
from annuaire.applications.views.facts import criterion_facts
from annuaire.applications.views.posted import posted
from annuaire.applications.workflow import ApplicationError, Submission
from annuaire.espace.views.access import espace_view

_STATUS_FILTERS = {status.value: status for status in ApplicationStatus}


def _reviewer_only(request: HttpRequest) -> None:
    if not access.may_see_applications(request.user):
        raise Http404("Page réservée aux coordinateurs.")


def _application(request: HttpRequest, pk: int) -> Application:
    queryset = access.visible_applications(request.user).select_related(
        "commune__departement", "structure", "recorded_by"
    )
    return get_object_or_404(queryset, pk=pk)


@espace_view
def queue(request: HttpRequest) -> HttpResponse:
    _reviewer_only(request)
    status = _STATUS_FILTERS.get(request.GET.get("etat", ApplicationStatus.SUBMITTED), ApplicationStatus.SUBMITTED)
    applications = access.visible_applications(request.user).select_related("commune").filter(status=status)
    applications = (
        applications.order_by("submitted_at", "pk")
        if status in ApplicationStatus.open_statuses()
        else (applications.order_by("-decided_at", "-pk"))
    )
    return render(
        request,
        "applications/espace/queue.html",
        {
            "applications": applications[:200],
            "status": status,
            "statuses": list(ApplicationStatus),
            "is_regional_admin": bool(access.administered_regions(request.user)),
        },
    )


@espace_view
def record(request: HttpRequest) -> HttpResponse:
    """A coordinator records the application of a structure of their territory."""
    _reviewer_only(request)
    form = ApplicationForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        signature = form.signature()
        assert signature is not None
        try:
            application = workflow.submit(
                Submission(form.save(commit=False), form.checked_documents), signature, by=request.user
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "La candidature est enregistrée. La structure a reçu son lien de suivi.")
            return redirect("candidatures:detail", pk=application.pk)
    return render(request, "applications/espace/record.html", {"form": form})


def _detail_context(application: Application, grid: GridForm | None = None) -> dict[str, object]:
    documents = {d.kind: d for d in ApplicationDocument.objects.filter(application=application).current()}
    acceptances = list(application.acceptances.all())
    assessments = {a.criterion: a for a in application.assessments.select_related("assessed_by")}
    grid = grid or GridForm(assessments=assessments)
    facts = criterion_facts(application, documents, acceptances)
    rows = [
        {
            "criterion": criterion,
            "state": state,
            "comment": comment,
            "facts": facts[criterion.code],
            "assessment": assessments.get(criterion.code),
        }
        for criterion, state, comment in grid.rows()
    ]
    unmet = [c for c in CRITERIA if not (assessments.get(c.code) and assessments[c.code].is_valid)]
    return {
        "application": application,
        "rows": rows,
        "grid": grid,
        "unmet": unmet,
        "may_accept": not unmet,
        "decision_form": DecisionForm(),
        "events": application.events.select_related("actor"),
        "is_waiting": application.status == ApplicationStatus.SUBMITTED,
        "referent": _referent_state(application),
    }


def _referent_state(application: Application) -> dict[str, object] | None:
    """Where the referent of an accepted application stands: account created, or the link's dates."""
    if application.status != ApplicationStatus.ACCEPTED:
        return None
    user, invitation = access.referent_invitation_state(application)
    if user is None:
        return None
    return {"has_password": user.has_usable_password(), "invitation": invitation}


@espace_view
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if request.method == "POST":
        grid = GridForm(request.POST, assessments={})
        if grid.is_valid():
            try:
                workflow.assess(application, grid.marks(), by=request.user)
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, "La grille est enregistrée.")
            return redirect("candidatures:detail", pk=pk)
        return render(request, "applications/espace/detail.html", _detail_context(application, grid), status=400)
    return render(request, "applications/espace/detail.html", _detail_context(application))


@espace_view
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez : accepter, renvoyer ou refuser.")
        return redirect("candidatures:detail", pk=pk)
    decision, message = form.cleaned_data["decision"], form.cleaned_data["message"]
    try:
        if decision == DecisionForm.ACCEPT:
            workflow.accept(application, by=request.user)
            done = "La candidature est acceptée : la structure est créée et la personne référente est invitée."
        elif decision == DecisionForm.SEND_BACK:
            workflow.send_back(application, workflow.send_back_reasons(application, message), by=request.user)
            done = "La candidature est renvoyée à la structure avec vos raisons."
        else:
            workflow.refuse(application, message, by=request.user)
            done = "La candidature est refusée. La structure en est informée."
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("candidatures:detail", pk=pk)


@espace_view
@require_POST
def renew_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    """A new invitation link for the referent of an accepted application (the first one expired)."""
    application = _application(request, pk)
    try:
        workflow.renew_referent_invitation(application, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Un nouveau lien d'invitation est envoyé à {application.referent_email}.")
    return redirect("candidatures:detail", pk=pk)


@espace_view  # type: ignore[arg-type]  # typed for HttpResponse; a streamed FileResponse passes through as well
def document(request: HttpRequest, pk: int, document_pk: int) -> HttpResponseBase:
    """A document, to the people who may review its application only (never a public URL)."""
    application = _application(request, pk)
    item = get_object_or_404(ApplicationDocument, pk=document_pk, application=application)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404("Ce document n'est plus disponible.") from None
    response = FileResponse(handle, as_attachment=True, filename=item.download_name, content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox"
    return response
