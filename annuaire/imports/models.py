"""The journal of bulk imports (docs/import.md, docs/adr/0006-bulk-import.md), which is also the
state of an import running in the background (docs/adr/0031-background-jobs.md)."""

from __future__ import annotations

import os
import socket
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# A running import whose worker has not said anything for this long is taken as interrupted
# (workers on another machine; on the worker's own machine a dead process is seen at once).
STALE_AFTER = timedelta(minutes=int(os.environ.get("IMPORT_STALE_MINUTES", "30")))
# A queued import no worker has taken for this long: the page says that the worker may be stopped.
WAITING_TOO_LONG = timedelta(minutes=2)


def _private_storage():  # type: ignore[no-untyped-def]
    from django.core.files.storage import storages

    return storages["private"]


class ImportRunQuerySet(models.QuerySet["ImportRun"]):
    def settle_dead(self) -> int:
        """Record as interrupted every running import whose worker died (a journal listed right
        after a crash says so, without waiting for someone to open the run's page); how many."""
        return sum(
            run.settle().state == ImportRun.State.INTERRUPTED for run in self.filter(state=ImportRun.State.RUNNING)
        )


class ImportRun(models.Model):
    """One run of an import (dry run or real), written before the work starts and kept for the record."""

    class State(models.TextChoices):
        QUEUED = "en-attente", "En attente"
        RUNNING = "en-cours", "En cours"
        FINISHED = "termine", "Terminé"
        INTERRUPTED = "interrompu", "Interrompu (rien d'enregistré)"

    class Outcome(models.TextChoices):
        SIMULATED = "simulation", "Simulation sans erreur (rien d'enregistré)"
        IMPORTED = "importe", "Importé"
        REJECTED = "refuse", "Refusé (erreurs, rien d'enregistré)"
        FAILED = "echec", "Échec technique (rien d'enregistré)"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_runs",
        verbose_name="utilisateur",
    )
    username = models.CharField("identifiant de l'utilisateur", max_length=150)
    started_at = models.DateTimeField("commencé le")
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    file_name = models.CharField("nom du fichier", max_length=255)
    sha256 = models.CharField("empreinte SHA-256 du fichier", max_length=64, db_index=True)
    dry_run = models.BooleanField("simulation", default=False)
    publish = models.BooleanField("publication directe", default=False)
    state = models.CharField("état", max_length=20, choices=State.choices, default=State.FINISHED)
    outcome = models.CharField("résultat", max_length=20, choices=Outcome.choices, blank=True)
    row_count = models.PositiveIntegerField("lignes lues", default=0)
    rows_done = models.PositiveIntegerField("lignes traitées", default=0)
    phase = models.CharField("étape en cours", max_length=40, blank=True)
    heartbeat_at = models.DateTimeField("dernier signe du traitement", null=True, blank=True)
    worker_host = models.CharField("machine du traitement", max_length=255, blank=True)
    worker_pid = models.PositiveIntegerField("processus du traitement", null=True, blank=True)
    # The uploaded bytes, on the private storage, while they may still be needed: from the
    # upload to the end of the real import (or of a dry run that found errors).
    file = models.FileField("fichier conservé", storage=_private_storage, upload_to="imports/", blank=True)
    error_count = models.PositiveIntegerField("erreurs", default=0)
    structures_created = models.PositiveIntegerField("structures créées", default=0)
    structures_updated = models.PositiveIntegerField("structures modifiées", default=0)
    offers_created = models.PositiveIntegerField("offres créées", default=0)
    offers_updated = models.PositiveIntegerField("offres modifiées", default=0)
    offers_unchanged = models.PositiveIntegerField("offres inchangées", default=0)
    places_created = models.PositiveIntegerField("lieux créés", default=0)
    report_text = models.TextField("rapport", blank=True)
    report_json = models.JSONField("rapport (JSON)", default=dict, blank=True)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        verbose_name = "import de données"
        verbose_name_plural = "imports de données"
        ordering = ["-started_at"]
        permissions = [("publish_import", "Peut publier directement les données d'un import")]

    def __str__(self) -> str:
        kind = "simulation" if self.dry_run else "import"
        return f"{kind} de « {self.file_name} » par {self.username} le {self.started_at:%d/%m/%Y %H:%M}"

    # --- the background work's state ---------------------------------------------------------
    @property
    def is_pending(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    @property
    def percent(self) -> int:
        return min(100, self.rows_done * 100 // self.row_count) if self.row_count else 0

    @property
    def waiting_too_long(self) -> bool:
        return self.state == self.State.QUEUED and timezone.now() - self.started_at > WAITING_TOO_LONG

    def worker_is_gone(self) -> bool:
        """A running import whose worker died: its process is gone (same machine), or it has been
        silent for STALE_AFTER (a worker elsewhere)."""
        if self.state != self.State.RUNNING:
            return False
        if self.worker_pid and self.worker_host == socket.gethostname():
            return not _process_alive(self.worker_pid)
        last_sign = self.heartbeat_at or self.started_at
        return timezone.now() - last_sign > STALE_AFTER

    def settle(self) -> ImportRun:
        """Record as interrupted a run whose worker died (nothing was written: one transaction)."""
        if self.worker_is_gone():
            updated = ImportRun.objects.filter(pk=self.pk, state=self.State.RUNNING).update(
                state=self.State.INTERRUPTED, finished_at=timezone.now()
            )
            if updated:
                self.refresh_from_db()
        return self


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A killed child not yet reaped by its parent is a zombie: dead for our purpose.
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True
