"""Pilot territories: where structures may apply (DOMAIN.md §5: deployment is progressive).

A regional administrator opens a département or a commune; closing keeps the row (closed_at)
so that the history of openings stays readable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from annuaire.geo.models import Commune


class PilotTerritoryQuerySet(models.QuerySet["PilotTerritory"]):
    def open(self) -> PilotTerritoryQuerySet:
        return self.filter(closed_at__isnull=True)

    def covering(self, commune: Commune) -> PilotTerritoryQuerySet:
        communes = [commune.code] + ([commune.parent_id] if commune.parent_id else [])
        return self.filter(Q(departement_id=commune.departement_id) | Q(commune_id__in=communes))

    def in_region(self, region_codes: set[str]) -> PilotTerritoryQuerySet:
        return self.filter(
            Q(departement__region_id__in=region_codes) | Q(commune__departement__region_id__in=region_codes)
        )


def applications_are_open(commune: Commune) -> bool:
    """Whether a structure in this commune may apply (the one rule, for every way in)."""
    return PilotTerritory.objects.open().covering(commune).exists()


class PilotTerritory(models.Model):
    departement = models.ForeignKey(
        "geo.Departement", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="département"
    )
    commune = models.ForeignKey(
        "geo.Commune", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="commune"
    )
    opened_at = models.DateTimeField("ouvert le", auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="ouvert par"
    )
    closed_at = models.DateTimeField("fermé le", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="fermé par",
    )

    objects = PilotTerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = "territoire pilote"
        verbose_name_plural = "territoires pilotes"
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(departement__isnull=False, commune__isnull=True)
                | Q(departement__isnull=True, commune__isnull=False),
                name="pilot_territory_is_a_departement_or_a_commune",
            ),
        ]

    def __str__(self) -> str:
        return str(self.departement or self.commune)

    @property
    def region_code(self) -> str:
        if self.departement is not None:
            return self.departement.region_id
        assert self.commune is not None
        return self.commune.departement.region_id
