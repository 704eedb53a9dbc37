"""The import screen's steps, shared by the administration (superusers) and the back office
(/espace/import/, coordinators and regional administrators): upload → journal row and background
dry run → its page (progress, then the report) → « Confirmer l'import » → background real run of
the same bytes, on a page of its own (docs/adr/0031-background-jobs.md)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone

from annuaire.imports.importer import CHECKING, Report, may_publish
from annuaire.imports.journal import queue_import
from annuaire.imports.models import ImportRun
from annuaire.imports.tasks import enqueue
from annuaire.imports.upload import (
    PUBLISH_REFUSED,
    PendingError,
    UploadForm,
    discard_kept_files,
    kept_bytes,
)

INTERRUPTED_GONE = (
    "Le fichier de cet import n'est plus conservé : déposez-le de nouveau pour le vérifier. Rien n'a été enregistré."
)


@dataclass(frozen=True)
class Screen:
    """Where the pages of one way in (back office or administration) live."""

    run_url: Callable[[ImportRun], str]


def upload_screen(request: HttpRequest, screen: Screen) -> dict[str, Any] | HttpResponse:
    """The upload page: the form, or after a valid POST a redirection to the new run's page."""
    recent = [
        run.settle()
        for run in ImportRun.objects.filter(user_id=int(request.user.pk or 0)).order_by("-started_at", "-pk")[:10]
    ]
    if request.method != "POST":
        return {"form": UploadForm(user=request.user), "error": "", "recent": recent}
    form = UploadForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return {"form": form, "error": "", "recent": recent}
    upload, publish = form.cleaned_data["file"], form.cleaned_data["publish"]
    data = upload.read()

    discard_kept_files(request.user)
    run = queue_import(
        request.user, upload.name or "fichier", data, hashlib.sha256(data).hexdigest(), dry_run=True, publish=publish
    )
    enqueue(run)
    return HttpResponseRedirect(screen.run_url(run), status=303)


def run_screen(request: HttpRequest, run: ImportRun, screen: Screen) -> dict[str, Any] | HttpResponse:
    """A run's page: its progress, its report, and the next step (confirm or retry) by POST."""
    run.settle()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "confirm":
            return _confirm(request, run, screen)
        if action == "retry" and run.state == ImportRun.State.INTERRUPTED:
            return _retry(run, screen)
    return _context(request, run, error="")


def finish_response(request: HttpRequest, run: ImportRun, response: HttpResponse) -> HttpResponse:
    """The progress block polls the page with htmx; once the work is over, the whole page reloads."""
    if request.headers.get("HX-Request") and not run.is_pending:
        response["HX-Refresh"] = "true"
    return response


def _context(request: HttpRequest, run: ImportRun, error: str) -> dict[str, Any]:
    finished = run.state == ImportRun.State.FINISHED and run.outcome != ImportRun.Outcome.FAILED
    report = Report.from_json(run.report_json) if finished and run.report_json else None
    return {
        "run": run,
        "report": report,
        "summary": report.summary() if report else "",
        "checking": run.phase in ("", CHECKING),
        "can_confirm": bool(report and run.outcome == ImportRun.Outcome.SIMULATED and run.file),
        "can_retry": run.state == ImportRun.State.INTERRUPTED and bool(run.file),
        "error": error,
        "form": UploadForm(user=request.user),
    }


def _confirm(request: HttpRequest, run: ImportRun, screen: Screen) -> dict[str, Any] | HttpResponse:
    try:
        data = kept_bytes(run)
    except PendingError as error:
        return _context(request, run, error=str(error))
    if run.publish and not may_publish(request.user):
        return _context(request, run, error=PUBLISH_REFUSED)
    real = queue_import(request.user, run.file_name, data, run.sha256, dry_run=False, publish=run.publish)
    run.file.delete(save=True)  # confirmed once: the bytes now belong to the real run
    enqueue(real)
    return HttpResponseRedirect(screen.run_url(real), status=303)


def _retry(run: ImportRun, screen: Screen) -> HttpResponse:
    again = ImportRun.objects.create(
        user=run.user,
        username=run.username,
        started_at=timezone.now(),
        file_name=run.file_name,
        sha256=run.sha256,
        dry_run=run.dry_run,
        publish=run.publish,
        state=ImportRun.State.QUEUED,
        file=run.file.name,
    )
    ImportRun.objects.filter(pk=run.pk).update(file="")
    enqueue(again)
    return HttpResponseRedirect(screen.run_url(again), status=303)
