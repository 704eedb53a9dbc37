"""Delete the anonymous search counts older than SEARCH_STATS_RETENTION_MONTHS (13 by default)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from annuaire.insight.searches import purge


class Command(BaseCommand):
    help = "Supprime les statistiques anonymes de recherche plus anciennes que la durée de conservation."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = purge()
        months = settings.SEARCH_STATS_RETENTION_MONTHS
        self.stdout.write(f"Statistiques de recherche de plus de {months} mois supprimées : {deleted} ligne(s).")
