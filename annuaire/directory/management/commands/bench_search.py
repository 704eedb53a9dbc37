"""Print search speed figures (p50/p95, SQL queries) on whatever data the database holds.

Not a test: figures depend on the machine. See docs/benchmarks.md.
"""

import statistics
import time
from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import Resolver404, resolve

from annuaire.core.errors import InvalidValue
from annuaire.core.forms import checked
from annuaire.directory.models import Offer
from annuaire.directory.search import nearest_place
from annuaire.directory.search_params import SearchParameters
from annuaire.geo.lookup import commune_by_insee_code
from annuaire.geo.models import Commune

PAGE_SIZE = 20


class BenchParameters(SearchParameters):
    """The search parameters, the commune given by its INSEE code (as in the API)."""

    commune = forms.CharField(required=False)

    def clean_commune(self) -> Commune | None:
        code = self.cleaned_data["commune"].strip()
        return checked(commune_by_insee_code, code) if code else None

    def searched_commune(self) -> Commune | None:
        return self.cleaned_data.get("commune")


def searches(commune: str) -> list[tuple[str, dict[str, str]]]:
    return [
        ("sans filtre", {}),
        ("catégorie", {"categorie": "psychologie"}),
        ("commune + 20 km", {"commune": commune, "rayon": "20"}),
        (
            "commune + catégorie + affinages",
            {
                "commune": commune,
                "rayon": "30",
                "categorie": "activite-physique",
                "public": "patients",
                "phase": "apres-traitement",
                "gratuit": "on",
            },
        ),
        ("texte libre", {"q": "sophrologie"}),
        ("texte libre, 2 mots", {"q": "psychologue rennes"}),
        ("département + sous-catégorie", {"departement": commune[:2], "sous_categorie": "consultation-dieteticien"}),
        ("page 5", {"categorie": "psychologie", "page": "5"}),
    ]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Mesure la vitesse de la recherche (médiane, 95e centile, requêtes SQL) sur les données présentes."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--runs", type=int, default=30, help="Nombre de mesures par recherche (30).")
        parser.add_argument("--commune", default="35238", help="Commune des recherches de proximité (Rennes).")

    def handle(self, *args: Any, runs: int, commune: str, **options: Any) -> None:
        if runs < 1:
            raise CommandError("--runs doit être un entier positif, par exemple 30.")
        try:
            found = commune_by_insee_code(commune)
        except InvalidValue:
            raise CommandError(
                f"Commune inconnue : « {commune} ». Chargez le référentiel (load_geo) ou changez --commune."
            ) from None
        published = Offer.objects.published().count()
        self.stdout.write(
            f"Base : {connection.vendor}, {Offer.objects.count()} offres dont {published} publiées ; "
            f"commune de référence : {found.label} ; {runs} mesures par recherche."
        )
        cases = searches(found.code)
        self.report("Cœur : Offer.objects.search(critères), comptage et 20 résultats", cases, runs, core, "résultats")
        # The page reads what people type (a label), the API an INSEE code.
        page_cases = [(name, {**p, "commune": found.label} if "commune" in p else p) for name, p in cases]
        for prefix, label, http_cases in (
            ("/", "Page de recherche HTML : GET /", page_cases),
            ("/api/v1/offres", "API : GET /api/v1/offres", cases),
        ):
            if self.routed(prefix):
                self.report(label, http_cases, runs, HttpRun(Client(), prefix), "octets")

    @staticmethod
    def routed(path: str) -> bool:
        try:
            resolve(path)
        except Resolver404:
            return False
        return True

    def report(
        self,
        title: str,
        cases: list[tuple[str, dict[str, str]]],
        runs: int,
        run: Callable[[dict[str, str]], int],
        unit: str,
    ) -> None:
        self.stdout.write(f"\n{title}")
        self.stdout.write(f"  {'recherche':<34} {'p50 ms':>8} {'p95 ms':>8} {'requêtes':>9} {unit:>10}")
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
            for name, params in cases:
                run(params)  # warm-up: caches, SQLite pages
                timings, queries, results = [], 0, 0
                for _ in range(runs):
                    with CaptureQueriesContext(connection) as captured:
                        started = time.perf_counter()
                        results = run(params)
                        timings.append((time.perf_counter() - started) * 1000)
                    queries = len(captured.captured_queries)
                p50, p95 = statistics.median(timings), percentile(timings, 0.95)
                self.stdout.write(f"  {name:<34} {p50:>8.1f} {p95:>8.1f} {queries:>9} {results:>10}")


def core(params: dict[str, str]) -> int:
    """What a search page does with the data: validate, count, fetch one page of results."""
    form = BenchParameters(params)
    if not form.is_valid():
        raise CommandError(f"Paramètres refusés : {form.error_messages()}")
    criteria = form.criteria()
    page = int(params.get("page", "1"))
    offers = Offer.objects.search(criteria).with_result_relations()
    total = offers.count()
    for offer in offers[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]:
        nearest_place(offer, criteria.centre)
    return total


class HttpRun:
    """One GET through the whole Django stack (middleware, view, template)."""

    def __init__(self, client: Client, path: str) -> None:
        self.client, self.path = client, path

    def __call__(self, params: dict[str, str]) -> int:
        response = self.client.get(self.path, params)
        if response.status_code != 200:
            raise CommandError(f"GET {self.path} {params} : réponse {response.status_code}.")
        return len(response.content)
