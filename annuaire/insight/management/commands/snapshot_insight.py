"""Record this month's figures for the region (idempotent: run it monthly or nightly)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from annuaire.insight.figures import take_snapshot
from annuaire.insight.territory import instance_territory


class Command(BaseCommand):
    help = "Enregistre les chiffres du mois (offres, structures) pour suivre leur évolution sur l'année."

    def handle(self, *args: Any, **options: Any) -> None:
        snapshot = take_snapshot(instance_territory())
        figures = snapshot.figures
        self.stdout.write(
            f"Chiffres de {snapshot.month:%m/%Y} enregistrés : {figures['offers']} offres, "
            f"{figures['structures']} structures."
        )
