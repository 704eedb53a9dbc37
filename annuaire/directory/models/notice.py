"""Temporary closures and notices on an offer or a whole structure (holidays, full, moved).

Dated: a notice shows from `starts_on` to `ends_on` included and then expires by itself,
with no job to run. Closing kinds make the offer "closed today" in the search."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from annuaire.core.sql import Fragment, date_param

MAX_NOTICE_DAYS = 366


class NoticeKind(models.TextChoices):
    HOLIDAYS = "conges", "Fermeture pour congés"
    CLOSED = "fermeture", "Fermeture temporaire"
    FULL = "complet", "Complet : pas de nouvelle inscription pour l'instant"
    MOVED = "demenagement", "Déménagement ou changement d'adresse"
    INFO = "information", "Information"

    @classmethod
    def closing(cls) -> list[str]:
        return [cls.HOLIDAYS, cls.CLOSED]


class NoticeQuerySet(models.QuerySet["Notice"]):
    def current(self, day: date) -> NoticeQuerySet:
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def closing(self) -> NoticeQuerySet:
        return self.filter(kind__in=NoticeKind.closing())

    def about(self, offer_pk: int, structure_pk: int) -> NoticeQuerySet:
        """The notices of an offer and those of its whole structure."""
        return self.filter(Q(offer_id=offer_pk) | Q(offer__isnull=True, structure_id=structure_pk))


def closed_on(day: date) -> Fragment:
    """About an offer row: True when the offer (or its whole structure) is closed on `day`."""
    kinds = [str(kind) for kind in NoticeKind.closing()]
    return Fragment(
        "EXISTS (SELECT 1 FROM directory_notice closing WHERE closing.starts_on <= %s AND closing.ends_on >= %s "
        f"AND closing.kind IN ({', '.join(['%s'] * len(kinds))}) AND (closing.offer_id = {{row}}.id "
        "OR (closing.offer_id IS NULL AND closing.structure_id = {row}.structure_id)))",
        (date_param(day), date_param(day), *kinds),
    )


class Notice(models.Model):
    structure = models.ForeignKey(
        "directory.Structure", on_delete=models.CASCADE, related_name="notices", verbose_name="structure"
    )
    offer = models.ForeignKey(
        "directory.Offer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name="offre",
        help_text="Laisser vide pour toute la structure.",
    )
    kind = models.CharField("type", max_length=20, choices=NoticeKind.choices)
    message = models.CharField("précision", max_length=300, blank=True)
    starts_on = models.DateField("du")
    ends_on = models.DateField("au (inclus)")
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = "fermeture ou avis temporaire"
        verbose_name_plural = "fermetures et avis temporaires"
        ordering = ["starts_on", "pk"]
        indexes = [models.Index(fields=["ends_on", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} du {self.starts_on:%d/%m/%Y} au {self.ends_on:%d/%m/%Y}"

    def withdraw(self, today: date) -> None:
        """Stop showing it from `today` on (kept, ended yesterday: nothing is deleted)."""
        yesterday = today - timedelta(days=1)
        if self.ends_on >= today:
            self.starts_on, self.ends_on = min(self.starts_on, yesterday), yesterday
            self.save(update_fields=["starts_on", "ends_on"])

    @property
    def is_closing(self) -> bool:
        return self.kind in NoticeKind.closing()

    def clean(self) -> None:
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                raise ValidationError({"ends_on": "La date de fin doit suivre la date de début."})
            if (self.ends_on - self.starts_on).days >= MAX_NOTICE_DAYS:
                raise ValidationError({"ends_on": "Un avis temporaire dure au plus un an."})
        if self.offer_id is not None and self.offer is not None and self.offer.structure_id != self.structure_id:
            raise ValidationError({"offer": "Cette offre n'appartient pas à la structure."})
