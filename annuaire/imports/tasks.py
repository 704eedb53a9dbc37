"""The background job of the import pages (docs/adr/0031-background-jobs.md), run by the worker
(`manage.py db_worker`); the request only checks the upload and writes the journal row."""

from __future__ import annotations

from django_tasks import task

from annuaire.imports.journal import perform, record_failure
from annuaire.imports.models import ImportRun

FILE_MISSING = "Le fichier conservé pour cet import est introuvable : déposez-le de nouveau. Rien n'a été enregistré."


@task()
def run_queued_import(run_id: int) -> str:
    """Check (dry run) or import the kept file of journal row `run_id`, once."""
    claimed = ImportRun.objects.filter(pk=run_id, state=ImportRun.State.QUEUED).update(state=ImportRun.State.RUNNING)
    if not claimed:
        return "déjà traité"
    run = ImportRun.objects.select_related("user").get(pk=run_id)
    try:
        with run.file.open("rb") as kept:
            data = kept.read()
    except (OSError, ValueError):  # ValueError: no file at all
        record_failure(run, FILE_MISSING)
        return FILE_MISSING
    report = perform(run, data)
    return report.summary()


def enqueue(run: ImportRun) -> None:
    run_queued_import.enqueue(run.pk)
