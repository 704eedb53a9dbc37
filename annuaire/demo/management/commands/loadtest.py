"""`make loadtest`: locust, headless, against the production stack on 127.0.0.1.

Serves the database this process uses (the demo region of `make setup`) with gunicorn
(DEBUG off, rate limits off), runs the users of annuaire/demo/locustfile.py for a bounded
time, prints the p95 of each kind of request and fails on any error (docs/benchmarks.md,
docs/adr/0032). Not part of `make test`: it lasts minutes.
"""

import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from annuaire.demo.loadtest_mix import COORDINATORS
from annuaire.demo.serving import Server
from annuaire.directory.models import Offer

LOCUSTFILE = Path(settings.BASE_DIR) / "annuaire" / "demo" / "locustfile.py"


class Command(BaseCommand):
    help = "Test de charge (locust) du site servi comme en production, sur la région de démonstration."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=8131)
        parser.add_argument("--workers", type=int, default=2, help="Processus gunicorn (2).")
        parser.add_argument("--users", type=int, default=20, help="Personnes simultanées (20).")
        parser.add_argument("--spawn-rate", type=float, default=2, help="Arrivées par seconde (2).")
        parser.add_argument("--time", default="2m30s", help="Durée, au format de locust : 90s, 2m30s (2m30s).")

    def handle(self, *args: Any, **options: Any) -> None:
        if not Offer.objects.published().exists():
            raise CommandError("Aucune offre publiée : lancez d'abord `make setup`.")
        missing = sorted(
            set(COORDINATORS) - set(User.objects.filter(username__in=COORDINATORS).values_list("username", flat=True))
        )
        if missing:
            raise CommandError(f"Comptes de démonstration absents ({', '.join(missing)}) : lancez `make setup`.")
        call_command("collectstatic", "--noinput", verbosity=0)
        with tempfile.TemporaryDirectory() as folder, Server(options["port"], options["workers"]) as server:
            prefix = Path(folder) / "locust"
            command = [
                str(Path(sys.executable).with_name("locust")),
                "-f", str(LOCUSTFILE),
                "--headless",
                "--host", server.url,
                "--users", str(options["users"]),
                "--spawn-rate", str(options["spawn_rate"]),
                "--run-time", options["time"],
                "--stop-timeout", "20",
                "--csv", str(prefix),
                "--only-summary",
                "--loglevel", "WARNING",
            ]  # fmt: skip
            self.stdout.write(f"locust : {options['users']} personnes pendant {options['time']} sur {server.url}…")
            self.stdout.flush()
            env = {**os.environ, "PYTHONPATH": str(settings.BASE_DIR)}
            finished = subprocess.run(command, cwd=settings.BASE_DIR, env=env, check=False)
            rss = server.worker_rss_mb()
            rows = read_stats(prefix)
        failures = self.report(rows, rss)
        if failures:
            raise CommandError(
                f"Le test de charge a rencontré {failures} requête(s) en échec : voir le détail ci-dessus."
            )
        if finished.returncode != 0:
            raise CommandError(
                "Des parcours ont vu une page inattendue ou locust s'est arrêté en erreur "
                f"(code de sortie {finished.returncode}) : voir les erreurs de locust ci-dessus."
            )

    def report(self, rows: list[dict[str, str]], rss: float) -> int:
        if not rows:
            raise CommandError("locust n'a écrit aucun chiffre : le test n'a pas tourné.")
        self.stdout.write(f"\n  {'requête':<48} {'nombre':>7} {'échecs':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
        failures, total, p95, rps = 0, "0", "0", 0.0
        for row in rows:
            label = f"{row['Type']} {row['Name']}".strip()
            self.stdout.write(
                f"  {label[:48]:<48} {row['Request Count']:>7} {row['Failure Count']:>7} "
                f"{row['50%']:>7} {row['95%']:>7} {row['99%']:>7}"
            )
            if row["Name"] == "Aggregated":
                failures = int(row["Failure Count"])
                total, p95, rps = row["Request Count"], row["95%"], float(row["Requests/s"])
        self.stdout.write(
            self.style.SUCCESS(
                f"\nEnsemble : {total} requêtes, p95 {p95} ms, {rps:.1f} requêtes/s, {failures} échec(s)"
            )
        )
        self.stdout.write(f"Mémoire du plus gros processus gunicorn (RSS) : {rss:.0f} Mo")
        return failures


def read_stats(prefix: Path) -> list[dict[str, str]]:
    stats = prefix.with_name(prefix.name + "_stats.csv")
    if not stats.exists():
        return []
    with stats.open(newline="") as source:
        return list(csv.DictReader(source))
