"""Print the coverage gaps as CSV: communes farther than --km from the nearest in-person offer."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from annuaire.geo.models import Region
from annuaire.insight import coverage
from annuaire.insight.tables import csv_text
from annuaire.insight.territory import Territory
from annuaire.taxonomy.models import Category, SubCategory


class Command(BaseCommand):
    help = (
        "Communes dont l'offre publiée la plus proche (sur place ou à domicile) est à plus de --km, en CSV. "
        "distance_km vide : aucune offre de ce type nulle part."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", default=settings.DEFAULT_REGION, help="code INSEE de la région")
        parser.add_argument("--national", action="store_true", help="toutes les communes de France")
        parser.add_argument("--categorie", default="", help="code d'une catégorie (toutes par défaut)")
        parser.add_argument("--sous-categorie", dest="sous_categorie", default="", help="code d'un soin précis")
        parser.add_argument("--km", type=float, default=coverage.DEFAULT_KM, help="distance en km (20 par défaut)")

    def handle(self, *args: Any, **options: Any) -> None:
        km = options["km"]
        if not 0 < km <= 500:
            raise CommandError("La distance doit être comprise entre 1 et 500 km.")
        territory = Territory("France")
        if not options["national"]:
            region = Region.objects.filter(code=options["region"]).first()
            if region is None:
                raise CommandError(f"Région inconnue : « {options['region']} ».")
            territory = Territory.of_region(region.code, region.name)
        subcategory = None
        if options["sous_categorie"]:
            subcategory = SubCategory.objects.select_related("category").filter(code=options["sous_categorie"]).first()
            if subcategory is None:
                raise CommandError(f"Soin inconnu : « {options['sous_categorie']} ».")
        categories = list(Category.objects.active())
        if options["categorie"]:
            categories = [c for c in categories if c.code == options["categorie"]]
            if not categories:
                raise CommandError(f"Type de soin inconnu : « {options['categorie']} ».")
        reports = coverage.compute(categories, territory, km, subcategory)
        self.stdout.write(csv_text(coverage.GAP_HEADER, coverage.gap_rows(reports)), ending="")
