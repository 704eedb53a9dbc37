"""A coordinator's mark on one criterion of the grid (seed 003, Annexe 3), with a comment."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from annuaire.applications.criteria import CRITERION_CHOICES


class CriterionAssessment(models.Model):
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="assessments", verbose_name="candidature"
    )
    criterion = models.CharField("critère", max_length=30, choices=CRITERION_CHOICES)
    is_valid = models.BooleanField("valide", null=True, help_text="Vide tant que le critère n'est pas examiné.")
    comment = models.TextField("commentaire", blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="examiné par"
    )
    assessed_at = models.DateTimeField("examiné le", auto_now=True)

    class Meta:
        verbose_name = "examen d'un critère"
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion"], name="one_assessment_per_criterion"),
        ]

    def __str__(self) -> str:
        state = {True: "valide", False: "non valide", None: "non examiné"}[self.is_valid]
        return f"{self.get_criterion_display()} : {state}"
