"""The import screen's steps, shared by the administration (superusers) and the back office
(/espace/import/, coordinators and regional administrators): upload → dry run and its
report → « Confirmer l'import » → real run of the same bytes (see upload.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from annuaire.imports.importer import ImportRefused, Report, run_import
from annuaire.imports.upload import PUBLISH_REFUSED, PendingError, PendingUpload, UploadForm, take_pending


def import_screen(request: HttpRequest) -> dict[str, Any]:
    """The page's context: the form, and after a POST the report, the journal entry, or a French error."""
    context: dict[str, Any] = {"form": None, "report": None, "run": None, "pending_sha256": "", "error": ""}
    if request.method == "POST" and request.POST.get("action") == "confirm":
        _confirm(request, context)
    elif request.method == "POST":
        _dry_run(request, context)
    if context["form"] is None:
        context["form"] = UploadForm(user=request.user)
    report: Report | None = context["report"]
    context["summary"] = report.summary() if report else ""
    return context


def _dry_run(request: HttpRequest, context: dict[str, Any]) -> None:
    form = UploadForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        context["form"] = form
        return
    upload, publish = form.cleaned_data["file"], form.cleaned_data["publish"]
    data = upload.read()
    name = upload.name or "fichier"
    try:
        report, run = run_import(name, data, user=request.user, dry_run=True, publish=publish)
    except ImportRefused:  # the form checked it already; permissions may change in between
        context["error"] = PUBLISH_REFUSED
        return
    PendingUpload.discard(request.session)
    if not report.errors:
        PendingUpload(file_name=name, sha256=report.sha256, publish=publish, data=data).store(request.session)
        context["pending_sha256"] = report.sha256
    context.update(report=report, run=run)


def _confirm(request: HttpRequest, context: dict[str, Any]) -> None:
    try:
        pending = take_pending(request.session, request.POST.get("sha256", ""))
    except PendingError as error:
        context["error"] = str(error)
        return
    try:
        report, run = run_import(
            pending.file_name, pending.data, user=request.user, dry_run=False, publish=pending.publish
        )
    except ImportRefused:
        context["error"] = PUBLISH_REFUSED
        return
    context.update(report=report, run=run)
