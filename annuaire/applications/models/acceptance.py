"""The acceptance of one version of the charter or of the terms of use: what, when, who."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from annuaire.applications.enums import LegalTextKind


class Acceptance(models.Model):
    kind = models.CharField("texte", max_length=10, choices=LegalTextKind.choices)
    version = models.CharField("version", max_length=10)
    accepted_at = models.DateTimeField("acceptée le", auto_now_add=True)
    signatory_name = models.CharField("nom et prénom du signataire", max_length=200)
    signatory_function = models.CharField("qualité du signataire", max_length=150)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="enregistrée par",
        help_text="Le compte connecté au moment de l'acceptation (un coordinateur qui saisit pour la structure).",
    )
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="acceptances", verbose_name="candidature"
    )

    class Meta:
        verbose_name = "acceptation"
        ordering = ["-accepted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version} – {self.signatory_name}"
