"""Create the demo region (Brittany) or a national dataset for benchmarks.

Safe to re-run (`make run` calls it every time): when demo data is there, nothing is
done; --force deletes the demo structures (and only them) and creates them again.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from annuaire.demo import writer
from annuaire.demo.accounts import DEMO_PASSWORD, create_demo_accounts
from annuaire.demo.applications import create_demo_applications, demo_regional_admin
from annuaire.demo.generator import BRITTANY, DemoGenerator
from annuaire.geo.models import Commune, Departement
from annuaire.taxonomy.models import SubCategory

# Without the overseas ones, metropolitan France alone has 96 départements.
MIN_NATIONAL_DEPARTEMENTS = 96


def number(value: int) -> str:
    return f"{value:,}".replace(",", " ")


class Command(BaseCommand):
    help = (
        "Crée des données de démonstration : la région Bretagne (par défaut) ou, avec --national, "
        "des structures dans toute la France pour mesurer les performances."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--structures", type=int, default=390, help="Nombre de structures en Bretagne (390).")
        parser.add_argument("--national", action="store_true", help="Toute la France, jusqu'au nombre d'offres.")
        parser.add_argument("--offers", type=int, default=100_000, help="Nombre d'offres avec --national (100 000).")
        parser.add_argument("--seed", type=int, default=53, help="Graine du générateur (mêmes données à chaque fois).")
        parser.add_argument("--force", action="store_true", help="Supprimer les données de démonstration et recréer.")

    def handle(
        self, *args: Any, structures: int, national: bool, offers: int, seed: int, force: bool, **_: Any
    ) -> None:
        if not SubCategory.objects.exists():
            raise CommandError("La taxonomie des soins n'est pas chargée : lancez d'abord « manage.py load_taxonomy ».")
        if national:
            self.check_national_geography()
            if offers < 1:
                raise CommandError("Le nombre d'offres doit être un entier positif, par exemple --offers 100000.")
        else:
            self.check_brittany()
            if structures < 1:
                raise CommandError("Le nombre de structures doit être un entier positif, par exemple --structures 390.")

        existing = writer.demo_counts()
        if existing.structures and not force:
            self.stdout.write(
                f"Données de démonstration déjà présentes ({number(existing.structures)} structures, "
                f"{number(existing.offers)} offres) : rien à faire. Utilisez --force pour les recréer."
            )
            if not national:
                self.demo_accounts()
            return
        started = time.perf_counter()
        if existing.structures:
            writer.delete_demo()
            self.stdout.write(
                f"Anciennes données de démonstration supprimées ({number(existing.structures)} structures)."
            )

        if national:
            generator = DemoGenerator.from_database(None, seed=seed, scope="national")
            data = generator.national(offers)
        else:
            generator = DemoGenerator.from_database(BRITTANY, seed=seed, scope="bretagne")
            data = generator.region(structures)
        counts = writer.save(data)
        writer.refresh_statistics()
        elapsed = f"{time.perf_counter() - started:.1f}".replace(".", ",")
        what = "Jeu de données national créé" if national else "Région de démonstration créée"
        self.stdout.write(
            self.style.SUCCESS(
                f"{what} : {number(counts.structures)} structures, {number(counts.places)} lieux, "
                f"{number(counts.offers)} offres (en {elapsed} s)."
            )
        )
        if not national:
            self.demo_accounts()
            self.seed_applications()

    def seed_applications(self) -> None:
        reviewer = demo_regional_admin()
        if reviewer is None:
            self.stdout.write("Pas de compte de démonstration d'administrateur régional : candidatures non créées.")
            return
        count = create_demo_applications(reviewer)
        self.stdout.write(
            f"Candidatures de démonstration : {count}, une à chaque étape (Finistère et Ille-et-Vilaine ouverts)."
        )

    def demo_accounts(self) -> None:
        users = create_demo_accounts()
        names = ", ".join(user.username for user in users)
        self.stdout.write(f"Comptes de démonstration (mot de passe « {DEMO_PASSWORD} ») : {names}.")

    def check_brittany(self) -> None:
        present = set(Commune.objects.filter(departement_id__in=BRITTANY).values_list("departement_id", flat=True))
        missing = [code for code in BRITTANY if code not in present]
        if missing:
            raise CommandError(
                f"Les communes de Bretagne ne sont pas chargées (départements manquants : {', '.join(missing)}) : "
                "lancez d'abord « manage.py load_geo »."
            )

    def check_national_geography(self) -> None:
        loaded = Commune.objects.values("departement_id").distinct().count()
        if loaded < MIN_NATIONAL_DEPARTEMENTS:
            total = Departement.objects.count() or 101
            raise CommandError(
                f"Le mode --national demande le référentiel géographique complet, or seuls {loaded} départements "
                f"sur {total} ont leurs communes : lancez d'abord « manage.py load_geo » (sans --departements)."
            )
