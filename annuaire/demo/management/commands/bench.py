"""`make bench`: both datasets on SQLite and on PostgreSQL, each served by the production
stack and measured by `bench_http`; writes bench-results.json and a summary line per engine
in docs/benchmarks.md.

SQLite: the demo region in db.sqlite3 (`make setup`), the national dataset in
bench-national.sqlite3 (built once, ~70 s, then reused). PostgreSQL: the server of
DATABASE_URL when it is given (the regional dataset in its database, the national one in
`<name>_national` beside it, both reused), else a throw-away server started here
(annuaire/demo/throwaway_postgres.py) where both are loaded from a template database
holding the reference data, then deleted; the national dataset is kept as a dump
(bench-national.pgdump) and restored by the next runs.
"""

import json
import os
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import dj_database_url
import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from annuaire.demo import datasets
from annuaire.demo.bench_run import engine_entry
from annuaire.demo.throwaway_postgres import PostgresUnavailable, ThrowawayPostgres

RESULTS = Path(settings.BASE_DIR) / "bench-results.json"
DOC = Path(settings.BASE_DIR) / "docs" / "benchmarks.md"
SQLITE_REGIONAL = Path(settings.BASE_DIR) / "db.sqlite3"
SQLITE_NATIONAL = Path(settings.BASE_DIR) / "bench-national.sqlite3"
PG_NATIONAL_DUMP = Path(settings.BASE_DIR) / "bench-national.pgdump"


class Command(BaseCommand):
    help = "Mesure le site (jeux régional et national) sur SQLite et PostgreSQL, servi comme en production."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--engines", default="sqlite,postgresql", help="Moteurs mesurés (sqlite,postgresql).")
        parser.add_argument("--scales", default="regional,national", help="Jeux de données (regional,national).")
        parser.add_argument("--port", type=int, default=8130)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--per-kind", type=int, default=100, help="Requêtes de chaque sorte, par palier (100).")
        parser.add_argument("--clients", default="1,16")
        parser.add_argument("--time-limit", type=float, default=120, help="Durée maximale d'un palier, en s.")
        parser.add_argument("--national-offers", type=int, default=datasets.NATIONAL_OFFERS)
        parser.add_argument("--note", default="", help="Une note ajoutée aux lignes de docs/benchmarks.md.")

    def handle(self, *args: Any, **options: Any) -> None:
        engines = [e for e in options["engines"].split(",") if e]
        scales = [s for s in options["scales"].split(",") if s]
        if not set(engines) <= {"sqlite", "postgresql"} or not set(scales) <= {"regional", "national"}:
            raise CommandError("--engines : sqlite et/ou postgresql ; --scales : regional et/ou national.")
        started = time.monotonic()
        load = os.getloadavg()[0]
        results: dict[str, Any] = {}
        try:
            with ExitStack() as stack:
                for engine in engines:
                    urls = self.databases(engine, scales, options["national_offers"], stack)
                    runs = {scale: self.measure(url, options) for scale, url in urls.items()}
                    results[engine] = engine_entry(runs.get("regional"), runs.get("national"))
        except (PostgresUnavailable, RuntimeError) as error:
            raise CommandError(str(error)) from error
        # A run of one engine keeps the other engine's figures from an earlier run.
        previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        RESULTS.write_text(json.dumps(previous | results, indent=2, ensure_ascii=False) + "\n")
        load = max(load, os.getloadavg()[0])
        for engine, entry in results.items():
            self.stdout.write(self.style.SUCCESS(f"{engine} : {summary_text(entry)}"))
            append_doc(engine, entry, f"load avg {load:.1f}" + (f", {options['note']}" if options["note"] else ""))
        self.stdout.write(
            f"Résultats dans {RESULTS.name}, une ligne par moteur ajoutée à docs/benchmarks.md "
            f"({(time.monotonic() - started) / 60:.1f} min au total)."
        )
        if any(entry["errors"] for entry in results.values()):
            raise CommandError("Des requêtes ont échoué pendant la mesure (voir les tableaux ci-dessus).")

    def say(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    def databases(self, engine: str, scales: list[str], offers: int, stack: ExitStack) -> dict[str, str]:
        """The URL of each dataset of `engine`, built or reused."""
        self.say(f"\n=== {engine} : préparation des données ===")
        if engine == "sqlite":
            urls = {"regional": f"sqlite:///{SQLITE_REGIONAL}", "national": f"sqlite:///{SQLITE_NATIONAL}"}
            for scale in scales:
                datasets.reference_data(urls[scale], self.say)
        else:
            given = os.environ.get("DATABASE_URL", "")
            if given.startswith(("postgres://", "postgresql://")):
                urls = {"regional": given, "national": sibling_database(given, "national")}
                for scale in scales:
                    datasets.reference_data(urls[scale], self.say)
            else:
                return self.throwaway_databases(scales, offers, stack)
        for scale in scales:
            if scale == "regional":
                datasets.regional(urls[scale], self.say)
            else:
                datasets.national(urls[scale], self.say, offers)
        return {scale: urls[scale] for scale in scales}

    def throwaway_databases(self, scales: list[str], offers: int, stack: ExitStack) -> dict[str, str]:
        """A throw-away server: reference data once in a template database, each dataset a copy
        of it; the national dataset restored from bench-national.pgdump when a previous run
        left one (seconds instead of minutes), else built then dumped there."""
        pg = stack.enter_context(ThrowawayPostgres())
        self.say(f"  PostgreSQL temporaire sur 127.0.0.1:{pg.port} ({pg.root})")
        urls = {scale: pg.url(f"bench_{scale}") for scale in scales}
        if "national" in scales and PG_NATIONAL_DUMP.exists():
            started = time.monotonic()
            pg.restore(PG_NATIONAL_DUMP, "bench_national")
            self.say(f"  jeu national restauré depuis {PG_NATIONAL_DUMP.name} : {time.monotonic() - started:.0f} s")
            datasets.manage(urls["national"], "migrate", "--noinput", "-v0", say=self.say)
            pg.vacuum("bench_national")
            scales = [scale for scale in scales if scale != "national"]
        if not scales:
            return urls
        pg.sql("CREATE DATABASE bench_base OWNER annuaire")
        datasets.reference_data(pg.url("bench_base"), self.say)
        for scale in scales:
            pg.sql(f"CREATE DATABASE bench_{scale} TEMPLATE bench_base OWNER annuaire")
            if scale == "regional":
                datasets.regional(urls[scale], self.say)
            else:
                datasets.national(urls[scale], self.say, offers)
                partial = PG_NATIONAL_DUMP.with_suffix(".partial")
                pg.dump("bench_national", partial)
                partial.rename(PG_NATIONAL_DUMP)  # never a half-written dump
                self.say(f"  jeu national gardé dans {PG_NATIONAL_DUMP.name} pour les prochaines fois")
        return urls

    def measure(self, url: str, options: dict[str, Any]) -> dict[str, Any]:
        with tempfile.TemporaryDirectory() as folder:
            output = Path(folder) / "run.json"
            printed = datasets.manage(
                url,
                "bench_http",
                f"--port={options['port']}",
                f"--workers={options['workers']}",
                f"--per-kind={options['per_kind']}",
                f"--clients={options['clients']}",
                f"--time-limit={options['time_limit']}",
                f"--output={output}",
                say=self.say,
                loading=False,
            )
            self.say(printed)
            run: dict[str, Any] = json.loads(output.read_text())
            return run


def sibling_database(url: str, suffix: str) -> str:
    """`<name>_<suffix>` on the server of `url`, created when missing."""
    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_{suffix}"
    with psycopg.connect(
        dbname=config["NAME"],
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
        autocommit=True,
    ) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def summary_text(entry: dict[str, Any]) -> str:
    return (
        f"page triviale p95 {entry['trivial_p95_ms']} ms, recherche régionale p95 {entry['regional_search_p95_ms']} ms "
        f"({entry['regional_over_trivial']}× la page triviale), nationale {entry['national_search_p95_ms']} ms "
        f"({entry['national_over_regional']}× la régionale), "
        f"page profonde / recherche {entry['deep_page_over_search']}, "
        f"sans filtre / recherche {entry['no_filter_over_search']}, {entry['queries_per_search']} requêtes SQL, "
        f"{entry['throughput_rps']} requêtes/s à {entry['concurrent_clients']} clients, "
        f"worker {entry['worker_rss_mb']} Mo"
    )


def append_doc(engine: str, entry: dict[str, Any], note: str) -> None:
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    cells = [
        when,
        engine,
        entry["trivial_p95_ms"],
        f"{entry['regional_search_p95_ms']} ({entry['regional_over_trivial']}×)",
        f"{entry['national_search_p95_ms']} ({entry['national_over_regional']}×)",
        entry["deep_page_over_search"],
        entry["no_filter_over_search"],
        entry["queries_per_search"],
        entry["throughput_rps"],
        entry["worker_rss_mb"],
        note,
    ]
    with DOC.open("a") as out:
        out.write("| " + " | ".join(str(cell) for cell in cells) + " |\n")
