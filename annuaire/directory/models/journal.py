"""The publication journal: one row per status transition of an offer or a structure.

Written only by `annuaire.directory.publication`; never edited (docs/adr/0010)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PublicationEventQuerySet(models.QuerySet["PublicationEvent"]):
    def for_offer(self, offer_pk: int) -> PublicationEventQuerySet:
        return self.filter(offer_id=offer_pk).order_by("at", "pk")

    def for_structure(self, structure_pk: int) -> PublicationEventQuerySet:
        return self.filter(structure_id=structure_pk, offer__isnull=True).order_by("at", "pk")


class PublicationEvent(models.Model):
    """Who moved what from which status to which, when, and why."""

    offer = models.ForeignKey(
        "directory.Offer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="publication_events",
        verbose_name="offre",
    )
    structure = models.ForeignKey(
        "directory.Structure", on_delete=models.CASCADE, related_name="publication_events", verbose_name="structure"
    )
    action = models.CharField("action", max_length=30)
    from_status = models.CharField("statut de départ", max_length=30)
    to_status = models.CharField("nouveau statut", max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publication_events",
        verbose_name="par",
    )
    actor_label = models.CharField("par (libellé)", max_length=255)
    comment = models.TextField("commentaire", blank=True)
    at = models.DateTimeField("le", db_index=True)

    objects = PublicationEventQuerySet.as_manager()

    class Meta:
        verbose_name = "étape de publication"
        verbose_name_plural = "journal de publication"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_label} : {self.from_status} → {self.to_status}"
