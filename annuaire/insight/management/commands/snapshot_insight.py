"""Record this month's figures for the region (idempotent: run it monthly or nightly)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from annuaire.insight.figures import take_snapshot


class Command(BaseCommand):
    help = "Enregistre les chiffres du mois (offres, structures) pour suivre leur évolution sur l'année."

    def handle(self, *args: Any, **options: Any) -> None:
        snapshot = take_snapshot(settings.DEFAULT_REGION or None)
        figures = snapshot.figures
        self.stdout.write(
            f"Chiffres de {snapshot.month:%m/%Y} enregistrés : {figures['offers']} offres, "
            f"{figures['structures']} structures."
        )
