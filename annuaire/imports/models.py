"""The journal of bulk imports (docs/import.md, docs/adr/0006-bulk-import.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportRun(models.Model):
    """One run of `import_offres` (dry run or real), kept for the record."""

    class Outcome(models.TextChoices):
        SIMULATED = "simulation", "Simulation sans erreur (rien d'enregistré)"
        IMPORTED = "importe", "Importé"
        REJECTED = "refuse", "Refusé (erreurs, rien d'enregistré)"

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
    outcome = models.CharField("résultat", max_length=20, choices=Outcome.choices)
    row_count = models.PositiveIntegerField("lignes lues", default=0)
    error_count = models.PositiveIntegerField("erreurs", default=0)
    structures_created = models.PositiveIntegerField("structures créées", default=0)
    structures_updated = models.PositiveIntegerField("structures modifiées", default=0)
    offers_created = models.PositiveIntegerField("offres créées", default=0)
    offers_updated = models.PositiveIntegerField("offres modifiées", default=0)
    offers_unchanged = models.PositiveIntegerField("offres inchangées", default=0)
    places_created = models.PositiveIntegerField("lieux créés", default=0)
    report_text = models.TextField("rapport", blank=True)
    report_json = models.JSONField("rapport (JSON)", default=dict, blank=True)

    class Meta:
        verbose_name = "import de données"
        verbose_name_plural = "imports de données"
        ordering = ["-started_at"]
        permissions = [("publish_import", "Peut publier directement les données d'un import")]

    def __str__(self) -> str:
        kind = "simulation" if self.dry_run else "import"
        return f"{kind} de « {self.file_name} » par {self.username} le {self.started_at:%d/%m/%Y %H:%M}"
