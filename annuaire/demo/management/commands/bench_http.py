"""One run of `make bench`: the public requests through the production stack, on the
database this process uses.

Serves it with gunicorn (DEBUG off) on 127.0.0.1, drives the fixed mix of
annuaire/demo/bench_mix.py at 1 then 16 concurrent clients (bounded in count and time;
no search URL twice in the run), counts SQL per request in process, reads the workers'
memory, prints p50/p95/p99 and writes the run's figures to --output (JSON). `manage.py
bench` runs it on each engine and dataset and writes bench-results.json. Not a test:
figures depend on the machine (docs/benchmarks.md).
"""

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from annuaire.demo.bench_mix import WARM_UP_ROUNDS, Request, request_mixes, warm_up_requests
from annuaire.demo.bench_run import drive, percentile, run_summary
from annuaire.demo.serving import Server
from annuaire.directory.models import Offer

NATIONAL_MIN_OFFERS = 20_000


class Command(BaseCommand):
    help = "Mesure les pages publiques servies par gunicorn (DEBUG désactivé), à 1 et 16 clients."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=8130)
        parser.add_argument("--workers", type=int, default=2, help="Processus gunicorn (2, un par cœur).")
        parser.add_argument("--per-kind", type=int, default=12, help="Requêtes de chaque sorte, par palier (12).")
        parser.add_argument("--clients", default="1,16", help="Paliers de clients simultanés (1,16).")
        parser.add_argument("--time-limit", type=float, default=120, help="Durée maximale d'un palier, en s.")
        parser.add_argument("--output", default="", help="Fichier JSON où écrire les chiffres de ce passage.")

    def handle(self, *args: Any, **options: Any) -> None:
        published = Offer.objects.published().count()
        if not published:
            raise CommandError("Aucune offre publiée : lancez d'abord `make setup` (ou seed_demo).")
        engine = "postgresql" if connection.vendor == "postgresql" else connection.vendor
        scale = "national" if published >= NATIONAL_MIN_OFFERS else "regional"
        levels = [int(c) for c in options["clients"].split(",")]
        mixes = dict(zip(levels, request_mixes(options["per_kind"], len(levels), seed=53), strict=True))
        self.stdout.write(f"Base : {engine}, {published} offres publiées ({scale}) ; gunicorn {options['workers']} ×.")
        # First: the pages counted in process below need the manifest of the static files too.
        call_command("collectstatic", "--noinput", verbosity=0)
        queries = self.queries_per_kind(mixes[levels[0]])
        with Server(options["port"], options["workers"], response_cache=False) as server:
            # Each worker serves every kind of request a few times (untimed) before the measure:
            # a cold worker would otherwise be the p95 of a short run (bench_mix.warm_up_requests).
            warm_up = warm_up_requests() * WARM_UP_ROUNDS * options["workers"]
            drive(server.url, warm_up, 2 * options["workers"], options["time_limit"])
            figures = {c: drive(server.url, mixes[c], c, options["time_limit"]) for c in levels}
            rss = server.worker_rss_mb()
        self.print_table(figures, queries, rss)
        summary = run_summary(figures, queries, rss, levels)
        summary |= {"engine": engine, "scale": scale, "published_offers": published}
        if options["output"]:
            Path(options["output"]).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")

    def queries_per_kind(self, mix: list[Request]) -> dict[str, int]:
        """SQL per request, one request of each kind through Django's test client."""
        seen: dict[str, int] = {}
        client = Client()
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"], RATELIMIT_ENABLE=False):
            for request in mix:
                if request.kind in seen:
                    continue
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(request.path)
                if response.status_code != 200:
                    raise CommandError(f"{request.path} : réponse {response.status_code}.")
                seen[request.kind] = len(captured.captured_queries)
        return seen

    def print_table(self, figures: dict[int, dict[str, Any]], queries: dict[str, int], rss: float) -> None:
        for clients, result in figures.items():
            self.stdout.write(
                f"\n{clients} client(s) : {result['requests']} requêtes en {result['seconds']:.1f} s, "
                f"{result['rps']:.1f} requêtes/s, {result['errors']} erreur(s) {result['errors_by_kind'] or ''}"
            )
            self.stdout.write(f"  {'sorte':<38} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'SQL':>4}")
            for kind, timings in sorted(result["timings"].items()):
                self.stdout.write(
                    f"  {kind:<38} {percentile(timings, 0.5):>8.1f} {percentile(timings, 0.95):>8.1f} "
                    f"{percentile(timings, 0.99):>8.1f} {queries.get(kind, 0):>4}"
                )
        self.stdout.write(f"\nMémoire du plus gros processus gunicorn (RSS) : {rss:.0f} Mo")
