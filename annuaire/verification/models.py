"""What the yearly verification remembers: messages sent, confirmations, reinstatement requests.

Reminders are data (as in DORA): one row per (structure, cycle, kind), so that the daily
command sends each message once, whatever the number of runs. Nothing here is ever deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from annuaire.verification.schedule import MessageKind


class VerificationMessage(models.Model):
    structure = models.ForeignKey(
        "directory.Structure", on_delete=models.PROTECT, related_name="verification_messages", verbose_name="structure"
    )
    cycle_due = models.DateField("échéance du cycle")
    kind = models.CharField("message", max_length=20, choices=MessageKind.choices)
    sent_on = models.DateField("envoyé le")
    recipients = models.TextField("destinataires", blank=True)

    class Meta:
        verbose_name = "message de vérification"
        verbose_name_plural = "messages de vérification"
        ordering = ["-sent_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["structure", "cycle_due", "kind"], name="one_message_per_cycle_and_kind")
        ]

    def __str__(self) -> str:
        return f"{self.structure} – {self.get_kind_display()} ({self.sent_on:%d/%m/%Y})"


class Confirmation(models.Model):
    """Someone confirmed that an offer (or, with `offer` empty, a whole structure) is still true."""

    structure = models.ForeignKey(
        "directory.Structure", on_delete=models.PROTECT, related_name="confirmations", verbose_name="structure"
    )
    offer = models.ForeignKey(
        "directory.Offer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="confirmations",
        verbose_name="offre",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="par"
    )
    on = models.DateField("le")

    class Meta:
        verbose_name = "confirmation"
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.offer or self.structure} confirmée le {self.on:%d/%m/%Y}"


class ReinstatementRequestQuerySet(models.QuerySet["ReinstatementRequest"]):
    def pending(self) -> ReinstatementRequestQuerySet:
        return self.filter(decision=ReinstatementRequest.Decision.PENDING)


class ReinstatementRequest(models.Model):
    """A structure delisted for lack of confirmation confirmed again: the region checks it."""

    class Decision(models.TextChoices):
        PENDING = "en-attente", "En attente de la région"
        APPROVED = "acceptee", "Rétablie"
        REFUSED = "refusee", "Refusée"

    structure = models.ForeignKey(
        "directory.Structure", on_delete=models.PROTECT, related_name="reinstatement_requests", verbose_name="structure"
    )
    requested_on = models.DateField("demandé le")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="par"
    )
    decision = models.CharField("décision", max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_on = models.DateField("décidé le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.TextField("commentaire", blank=True)

    objects = ReinstatementRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "demande de rétablissement"
        verbose_name_plural = "demandes de rétablissement"
        ordering = ["requested_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["structure"], condition=models.Q(decision="en-attente"), name="one_pending_reinstatement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.structure} – {self.get_decision_display()}"


class ErrorReportQuerySet(models.QuerySet["ErrorReport"]):
    def open(self) -> ErrorReportQuerySet:
        return self.filter(handled_on__isnull=True)


class ErrorReport(models.Model):
    """Someone from the public says an offer's information is wrong ("Signaler une erreur").

    It lands in the queue of the structure's territorial coordinators; the structure is told."""

    offer = models.ForeignKey(
        "directory.Offer", on_delete=models.PROTECT, related_name="error_reports", verbose_name="offre"
    )
    what = models.TextField("ce qui est inexact")
    contact = models.CharField("contact (facultatif)", max_length=200, blank=True)
    received_at = models.DateTimeField("reçu le", auto_now_add=True)
    handled_on = models.DateField("traité le", null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ErrorReportQuerySet.as_manager()

    class Meta:
        verbose_name = "signalement d'erreur"
        verbose_name_plural = "signalements d'erreur"
        ordering = ["received_at", "pk"]

    def __str__(self) -> str:
        return f"Signalement sur {self.offer} ({self.received_at:%d/%m/%Y})"
