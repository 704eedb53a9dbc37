"""`make bench`: the public requests through the production stack (gunicorn, DEBUG off).

Serves the database this process uses on 127.0.0.1, drives the fixed mix of
annuaire/demo/bench_mix.py at 1 then 16 concurrent clients (bounded in count and time),
counts SQL per request in process, reads the workers' memory, prints p50/p95/p99 and
merges the figures into bench-results.json. Not a test: figures depend on the machine
(docs/benchmarks.md).
"""

import json
import os
import secrets
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from annuaire.demo.bench_mix import SEARCH_KIND, TRIVIAL_KIND, Request, request_mix
from annuaire.directory.models import Offer

NATIONAL_MIN_OFFERS = 20_000
RESULTS = Path(settings.BASE_DIR) / "bench-results.json"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Mesure les pages publiques servies par gunicorn (DEBUG désactivé), à 1 et 16 clients."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=8130)
        parser.add_argument("--workers", type=int, default=2, help="Processus gunicorn (2, un par cœur).")
        parser.add_argument("--per-kind", type=int, default=12, help="Requêtes de chaque sorte, par palier (12).")
        parser.add_argument("--clients", default="1,16", help="Paliers de clients simultanés (1,16).")
        parser.add_argument("--time-limit", type=float, default=120, help="Durée maximale d'un palier, en s.")
        parser.add_argument("--note", default="", help="Une ligne ajoutée au résumé de docs/benchmarks.md.")

    def handle(self, *args: Any, **options: Any) -> None:
        published = Offer.objects.published().count()
        if not published:
            raise CommandError("Aucune offre publiée : lancez d'abord `make setup` (ou seed_demo).")
        engine = "postgresql" if connection.vendor == "postgresql" else connection.vendor
        scale = "national" if published >= NATIONAL_MIN_OFFERS else "regional"
        levels = [int(c) for c in options["clients"].split(",")]
        # Distinct URLs for every level: each search is asked once per run.
        mixes = {c: request_mix(options["per_kind"], seed=53 + c) for c in levels}
        self.stdout.write(f"Base : {engine}, {published} offres publiées ({scale}) ; gunicorn {options['workers']} ×.")
        queries = self.queries_per_kind(mixes[levels[0]])
        call_command("collectstatic", "--noinput", verbosity=0)
        with Server(options["port"], options["workers"]) as server:
            figures = {c: drive(server.url, mixes[c], c, options["time_limit"]) for c in levels}
            rss = server.worker_rss_mb()
        self.print_table(figures, queries, rss)
        summary = self.summary(figures, queries, rss, scale, published, levels)
        self.save(engine, scale, summary)
        self.append_doc(engine, scale, summary, options["note"])

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
                    f"  {kind:<38} {statistics.median(timings):>8.1f} {percentile(timings, 0.95):>8.1f} "
                    f"{percentile(timings, 0.99):>8.1f} {queries.get(kind, 0):>4}"
                )
        self.stdout.write(f"\nMémoire des processus gunicorn (RSS max) : {rss:.0f} Mo")

    def summary(
        self,
        figures: dict[int, dict[str, Any]],
        queries: dict[str, int],
        rss: float,
        scale: str,
        published: int,
        levels: list[int],
    ) -> dict[str, Any]:
        one, busy = figures[levels[0]], figures[levels[-1]]
        searches = [t for kind, t in one["timings"].items() if kind not in (TRIVIAL_KIND, "page d'une offre")]
        return {
            "published_offers": published,
            "trivial_p95_ms": round(percentile(one["timings"][TRIVIAL_KIND], 0.95), 1),
            f"{scale}_search_p95_ms": round(percentile(one["timings"][SEARCH_KIND], 0.95), 1),
            f"{scale}_slowest_kind_p95_ms": round(max(percentile(t, 0.95) for t in searches), 1),
            "queries_per_search": queries[SEARCH_KIND],
            "queries_per_kind": queries,
            "throughput_rps": round(busy["rps"], 1),
            "concurrent_clients": levels[-1],
            "concurrent_search_p95_ms": round(percentile(busy["timings"][SEARCH_KIND], 0.95), 1),
            "worker_rss_mb": round(rss, 1),
            "errors": sum(f["errors"] for f in figures.values()),
            "p95_ms_by_kind": {k: round(percentile(t, 0.95), 1) for k, t in sorted(one["timings"].items())},
        }

    def save(self, engine: str, scale: str, summary: dict[str, Any]) -> None:
        results: dict[str, Any] = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        entry = results.setdefault(engine, {})
        entry[scale] = summary
        # The flat figures of the issue: the trivial page from the latest run, the rest per scale.
        for key in ("trivial_p95_ms", "queries_per_search", "throughput_rps", "worker_rss_mb"):
            entry[key] = summary[key] if key != "worker_rss_mb" else max(entry.get(key, 0), summary[key])
        entry[f"{scale}_search_p95_ms"] = summary[f"{scale}_search_p95_ms"]
        RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        self.stdout.write(f"Résultats écrits dans {RESULTS.name}.")

    def append_doc(self, engine: str, scale: str, summary: dict[str, Any], note: str) -> None:
        doc = Path(settings.BASE_DIR) / "docs" / "benchmarks.md"
        ratio = summary[f"{scale}_search_p95_ms"] / max(summary["trivial_p95_ms"], 0.1)
        when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        line = (
            f"| {when} | {engine} {scale} ({summary['published_offers']}) "
            f"| {summary['trivial_p95_ms']} | {summary[f'{scale}_search_p95_ms']} ({ratio:.1f}×) "
            f"| {summary[f'{scale}_slowest_kind_p95_ms']} | {summary['queries_per_search']} "
            f"| {summary['throughput_rps']} | {summary['worker_rss_mb']} | {note} |\n"
        )
        with doc.open("a") as out:
            out.write(line)


class Server:
    """gunicorn serving this checkout with the production settings, on loopback only."""

    def __init__(self, port: int, workers: int) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.bind, self.workers = f"127.0.0.1:{port}", workers
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> "Server":
        try:
            urllib.request.urlopen(f"{self.url}/a-propos/", timeout=2)
        except OSError:
            pass  # nothing answers there: the port is free
        else:
            raise CommandError(f"Un serveur répond déjà sur {self.bind} : arrêtez-le ou changez --port.")
        env = {
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SITE_URL": self.url,
            "RATELIMIT_ENABLE": "false",  # the benchmark is one client address asking fast
            "DATABASE_URL": _database_url(),
        }
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [str(gunicorn), "config.wsgi", "--bind", self.bind, "--workers", str(self.workers)]
        self.process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/a-propos/", timeout=5).read()
                return self
            except OSError:  # refused, reset or timed out while gunicorn starts
                if self.process.poll() is not None:
                    break
                time.sleep(0.3)
        self.__exit__()
        raise CommandError(f"gunicorn n'a pas démarré sur {self.bind} (port déjà pris ?).")

    def worker_rss_mb(self) -> float:
        """The resident memory of the biggest gunicorn worker (Linux /proc), in MB."""
        assert self.process is not None
        pid = self.process.pid
        biggest = 0
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    biggest = max(biggest, int(line.split()[1]))
        return biggest / 1024

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def _database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return os.environ.get("DATABASE_URL", "")


def drive(base: str, mix: list[Request], clients: int, time_limit: float) -> dict[str, Any]:
    """Every request of `mix` once, `clients` at a time; stops asking after `time_limit` s."""
    started = time.monotonic()
    timings: dict[str, list[float]] = {}
    errors: dict[str, int] = {}

    def fetch(request: Request) -> tuple[str, float, bool]:
        if time.monotonic() - started > time_limit:
            return request.kind, -1.0, True
        begin = time.perf_counter()
        try:
            with urllib.request.urlopen(base + request.path, timeout=60) as response:
                response.read()
                ok = response.status == 200
        except OSError:  # an HTTP error status, a refused or timed-out connection
            ok = False
        return request.kind, (time.perf_counter() - begin) * 1000, ok

    done = 0
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for kind, elapsed, ok in pool.map(fetch, mix):
            if elapsed < 0:
                continue
            done += 1
            timings.setdefault(kind, []).append(elapsed)
            if not ok:
                errors[kind] = errors.get(kind, 0) + 1
    seconds = time.monotonic() - started
    return {
        "requests": done,
        "seconds": seconds,
        "rps": done / seconds,
        "errors": sum(errors.values()),
        "errors_by_kind": errors,
        "timings": timings,
    }
