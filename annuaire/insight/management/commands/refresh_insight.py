"""The nightly job of the network's screens: coverage distances, this month's figures, purge.

Crontab (docs/insight.md):  30 3 * * *  cd /srv/annuaire && .venv/bin/python manage.py refresh_insight
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from annuaire.insight import coverage
from annuaire.insight.territory import instance_territory
from annuaire.taxonomy.models import Category


class Command(BaseCommand):
    help = (
        "Recalcule les distances de chaque commune de la région à l'offre la plus proche, "
        "enregistre les chiffres du mois et purge les vieilles statistiques de recherche."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        rows = coverage.store(instance_territory(), Category.objects.active())
        self.stdout.write(f"Couverture : {rows} distances enregistrées en {time.perf_counter() - started:.1f} s.")
        call_command("snapshot_insight", stdout=self.stdout)
        call_command("purge_search_stats", stdout=self.stdout)
