"""Opening and closing pilot territories (the regional administrator's decisions)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from annuaire.applications.models import PilotTerritory
from annuaire.geo.models import Commune, Departement


class TerritoryError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def open_territory(
    *, departement: Departement | None = None, commune: Commune | None = None, by: Any
) -> PilotTerritory:
    """Open applications on a département or a commune (once: opening an open one is refused)."""
    if (departement is None) == (commune is None):
        raise TerritoryError("Choisissez soit un département, soit une commune.")
    with transaction.atomic():
        already = PilotTerritory.objects.open().filter(departement=departement, commune=commune)
        if already.select_for_update().exists():
            raise TerritoryError(f"Les candidatures sont déjà ouvertes sur {departement or commune}.")
        return PilotTerritory.objects.create(departement=departement, commune=commune, opened_by=by)


def close_territory(territory: PilotTerritory, *, by: Any) -> None:
    """Close it: applications already made there go on; new ones are refused."""
    with transaction.atomic():
        locked = PilotTerritory.objects.select_for_update().get(pk=territory.pk)
        if locked.closed_at is not None:
            raise TerritoryError("Ce territoire est déjà fermé aux candidatures.")
        locked.closed_at, locked.closed_by = timezone.now(), by
        locked.save(update_fields=["closed_at", "closed_by"])
