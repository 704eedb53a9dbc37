"""Load régions, départements, communes and postal codes from data/*.csv.

Quick to re-run: when the communes are already there, nothing is done (--force
reloads in place, keeping references from structures intact).
"""

from collections import defaultdict
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from annuaire.core import published
from annuaire.core.text import normalize
from annuaire.geo.models import Commune, Departement, PostalCode, Region
from annuaire.geo.reference import read_csv

# Paris, Lyon and Marseille exist in the file only as their arrondissements.
CITIES_WITH_ARRONDISSEMENTS = {"75056": "Paris", "69123": "Lyon", "13055": "Marseille"}


class Command(BaseCommand):
    help = "Charge le référentiel géographique (régions, départements, communes, codes postaux)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--departements", default="", help="Limiter à ces départements : 22,29,35,56")
        parser.add_argument("--force", action="store_true", help="Recharger même si déjà présent.")

    def handle(self, *args: Any, departements: str, force: bool, **options: Any) -> None:
        wanted = {code.strip().upper() for code in departements.split(",") if code.strip()}
        communes, postal_codes = self.read_communes(wanted)
        if not force and Commune.objects.filter(code__in=[c.code for c in communes]).count() == len(communes):
            self.stdout.write(f"Référentiel géographique déjà chargé ({len(communes)} communes).")
            return
        with transaction.atomic():
            self.load_regions_and_departements()
            fields = ["name", "search_name", "alias_names", "kind", "departement", "lat", "lng", "population"]
            Commune.objects.bulk_create(
                [c for c in communes if c.parent_id is None],
                batch_size=2000,
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=fields,
            )
            Commune.objects.bulk_create(
                [c for c in communes if c.parent_id is not None],
                batch_size=2000,
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=[*fields, "parent"],
            )
            PostalCode.objects.filter(commune__in=[c.code for c in communes]).delete()
            PostalCode.objects.bulk_create(
                [PostalCode(code=code, commune_id=insee) for insee, codes in postal_codes.items() for code in codes],
                batch_size=5000,
            )
        published.changed()  # bulk writes send no signal: public answers and lookups start afresh
        self.stdout.write(f"Référentiel géographique chargé : {len(communes)} communes.")

    def load_regions_and_departements(self) -> None:
        Region.objects.bulk_create(
            [Region(code=row["insee_reg"], name=row["region_article"]) for row in read_csv("regions.csv")],
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["name"],
        )
        Departement.objects.bulk_create(
            [
                Departement(
                    code=row["insee_dep"],
                    name=row["departement_article"],
                    region_id=row["insee_reg"],
                    lat=float(row["lat"]),
                    lng=float(row["lng"]),
                )
                for row in read_csv("departements.csv")
            ],
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["name", "region", "lat", "lng"],
        )

    def read_communes(self, wanted: set[str]) -> tuple[list[Commune], dict[str, set[str]]]:
        by_code: dict[str, Commune] = {}
        postal_codes: dict[str, set[str]] = defaultdict(set)
        aliases: dict[str, set[str]] = defaultdict(set)
        for row in read_csv("communes.csv"):
            code, kind = row["insee_com"], row["commune_type"]
            if kind == "COMD":
                aliases[row["insee_parente"]].add(normalize(row["commune_article"]))
                continue
            if wanted and row["insee_dep"] not in wanted:
                continue
            postal_codes[code].add(row["code_postal"])
            if code in by_code:
                continue
            name = row["commune_article"]
            by_code[code] = Commune(
                code=code,
                name=name,
                search_name=normalize(name),
                kind=kind,
                parent_id=row["insee_parente"] or None,
                departement_id=row["insee_dep"],
                lat=float(row["lat"]) if row["lat"] else None,
                lng=float(row["lng"]) if row["lng"] else None,
                population=int(row["population_2021"] or 0),
            )
        self.add_cities_with_arrondissements(by_code, postal_codes)
        for code, names in aliases.items():
            commune = by_code.get(code)
            if commune is not None:
                former = sorted(name for name in names if name != commune.search_name)
                commune.alias_names = "".join(f"|{name}" for name in former) + ("|" if former else "")
        return list(by_code.values()), postal_codes

    @staticmethod
    def add_cities_with_arrondissements(by_code: dict[str, Commune], postal_codes: dict[str, set[str]]) -> None:
        for city_code, city_name in CITIES_WITH_ARRONDISSEMENTS.items():
            parts = [c for c in by_code.values() if c.parent_id == city_code]
            if not parts:
                continue
            population = sum(p.population for p in parts)
            weight = population or len(parts)
            by_code[city_code] = Commune(
                code=city_code,
                name=city_name,
                search_name=normalize(city_name),
                kind=Commune.Kind.COMMUNE,
                departement_id=parts[0].departement_id,
                lat=sum((p.lat or 0) * (p.population or 1) for p in parts) / weight,
                lng=sum((p.lng or 0) * (p.population or 1) for p in parts) / weight,
                population=population,
            )
            for part in parts:
                postal_codes[city_code] |= postal_codes[part.code]
