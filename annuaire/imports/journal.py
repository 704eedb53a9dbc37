"""An import's life in the journal (docs/adr/0031-background-jobs.md): the row is written before
the work starts, says how far the work went while it runs, and holds the report at the end.

`queue_import` (the import pages) keeps the uploaded bytes on the private storage and leaves the
work to the background worker (annuaire/imports/tasks.py), which calls `perform`; the command
`import_offres` calls `run_import`, which does the same work in its own process.
"""

from __future__ import annotations

import hashlib
import os
import socket
import time
from typing import Any

from django.core.files.base import ContentFile
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from annuaire.imports.importer import (
    CHECKING,
    PUBLISH_REFUSED,
    Importer,
    ImportRefused,
    Progress,
    Report,
    may_publish,
)
from annuaire.imports.models import ImportRun

TECHNICAL_FAILURE = (
    "Une erreur technique a arrêté le traitement. Rien n'a été enregistré ; l'équipe technique peut la retrouver "
    "dans le journal du programme de traitement."
)
# The page's figures are refreshed at most this often (seconds).
PROGRESS_INTERVAL = 1.0


def new_run(user: Any, file_name: str, sha256: str, *, dry_run: bool, publish: bool, state: str) -> ImportRun:
    return ImportRun.objects.create(
        user=user,
        username=user.get_username(),
        started_at=timezone.now(),
        file_name=file_name[:255],
        sha256=sha256,
        dry_run=dry_run,
        publish=publish,
        state=state,
    )


def run_import(
    file_name: str,
    data: bytes,
    *,
    user: Any,
    dry_run: bool,
    publish: bool,
    progress: Progress | None = None,
    progress_every: int = 100,
) -> tuple[Report, ImportRun]:
    """Check, then import `data` (unless `dry_run`) in this process: the command's way."""
    if publish and not may_publish(user):
        raise ImportRefused(PUBLISH_REFUSED)
    run = new_run(
        user,
        file_name,
        hashlib.sha256(data).hexdigest(),
        dry_run=dry_run,
        publish=publish,
        state=ImportRun.State.QUEUED,
    )
    return perform(run, data, progress=progress, progress_every=progress_every), run


def queue_import(user: Any, file_name: str, data: bytes, sha256: str, *, dry_run: bool, publish: bool) -> ImportRun:
    """The journal row of an import to run in the background, with its bytes kept on the storage."""
    run = new_run(user, file_name, sha256, dry_run=dry_run, publish=publish, state=ImportRun.State.QUEUED)
    run.file.save(f"{run.pk}-{sha256[:16]}.bin", ContentFile(data), save=True)
    return run


def perform(run: ImportRun, data: bytes, *, progress: Progress | None = None, progress_every: int = 100) -> Report:
    """Do the work of a journal row: mark it running, check and import, then write the outcome.

    The rows are written in one transaction (importer.py): a worker killed in the middle leaves
    nothing, and the row stays « en cours » until `ImportRun.settle` sees the worker is gone."""
    ImportRun.objects.filter(pk=run.pk).update(
        state=ImportRun.State.RUNNING,
        phase=CHECKING,
        heartbeat_at=timezone.now(),
        worker_host=socket.gethostname(),
        worker_pid=os.getpid(),
    )
    recorder = _ProgressRecorder(run.pk, echo=progress)
    try:
        user = run.user
        if user is None or (run.publish and not may_publish(user)):
            report = Report(run.file_name, run.sha256, dry_run=run.dry_run, publish=run.publish)
            report.error(
                None, PUBLISH_REFUSED if user is not None else "La personne qui a déposé le fichier n'existe plus."
            )
        else:
            importer = Importer(
                dry_run=run.dry_run, publish=run.publish, progress=recorder, progress_every=progress_every, user=user
            )
            report = importer.run(run.file_name, data)
    except Exception:
        record_failure(run, TECHNICAL_FAILURE)
        raise
    finally:
        recorder.close()
    _finish(run, report)
    return report


def _finish(run: ImportRun, report: Report) -> None:
    c = report.counts
    if report.errors:
        outcome = ImportRun.Outcome.REJECTED
    else:
        outcome = ImportRun.Outcome.SIMULATED if run.dry_run else ImportRun.Outcome.IMPORTED
    keep_file = outcome == ImportRun.Outcome.SIMULATED  # for the confirmation of the same bytes
    if run.file and not keep_file:
        run.file.delete(save=False)
    values = {
        "state": ImportRun.State.FINISHED,
        "outcome": outcome,
        "finished_at": timezone.now(),
        "rows_done": report.row_count,
        "row_count": report.row_count,
        "error_count": len(report.errors),
        "structures_created": c["structures_created"],
        "structures_updated": c["structures_updated"],
        "offers_created": c["offers_created"],
        "offers_updated": c["offers_updated"],
        "offers_unchanged": c["offers_unchanged"],
        "places_created": c["places_created"],
        "report_text": report.text(),
        "report_json": report.as_json(),
        "file": run.file.name if keep_file else "",
    }
    ImportRun.objects.filter(pk=run.pk).update(**values)
    for name, value in values.items():
        setattr(run, name, value)
    run.refresh_from_db(fields=["file"])


def record_failure(run: ImportRun, text: str) -> None:
    """The work stopped on an error that is not the file's (the transaction rolled back)."""
    ImportRun.objects.filter(pk=run.pk).update(
        state=ImportRun.State.FINISHED, outcome=ImportRun.Outcome.FAILED, finished_at=timezone.now(), report_text=text
    )


class _ProgressRecorder:
    """Writes how far the work went on the journal row, at most once a second.

    While the rows are saved the main connection is inside the import's transaction, whose
    writes nobody sees before the end: PostgreSQL gets the figures through a second connection;
    SQLite cannot write beside an open write transaction, so its page says « enregistrement en
    cours » without figures until the end."""

    def __init__(self, run_pk: int, echo: Progress | None) -> None:
        self.run_pk, self.echo = run_pk, echo
        self.last = 0.0
        self.phase = CHECKING
        self.side: BaseDatabaseWrapper | None = None

    def __call__(self, done: int, total: int, phase: str) -> None:
        if self.echo:
            self.echo(done, total, phase)
        now = time.monotonic()
        if phase == self.phase and now - self.last < PROGRESS_INTERVAL:
            return
        self.phase, self.last = phase, now
        values = {"rows_done": done, "row_count": total, "phase": phase, "heartbeat_at": timezone.now()}
        if not connection.in_atomic_block:
            ImportRun.objects.filter(pk=self.run_pk).update(**values)
        elif connection.vendor == "postgresql":
            self._write_aside(values)

    def _write_aside(self, values: dict[str, Any]) -> None:
        if self.side is None:
            self.side = connections.create_connection("default")
        table = ImportRun._meta.db_table
        assignments = ", ".join(f'"{name}" = %s' for name in values)
        with self.side.cursor() as cursor:
            cursor.execute(f'UPDATE "{table}" SET {assignments} WHERE "id" = %s', [*values.values(), self.run_pk])

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
