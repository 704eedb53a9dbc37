"""In-process timing and cProfile of the public search (not a test; issue 12).

Usage: .venv/bin/python tools/profile_search.py [--profile NAME] [--runs N]
Times each URL (median / p95 in ms, SQL per request) through the WSGI application as
gunicorn calls it (the answer's `close()` included), DEBUG off. Not through
django.test.Client: it keeps the database connection open between requests, which hid
the cost of opening one per request (docs/adr/0042).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from typing import Any
from wsgiref.util import setup_testing_defaults

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("RATELIMIT_ENABLE", "0")
# Measure the search, not the cache of anonymous responses (each URL is asked repeatedly).
os.environ.setdefault("RESPONSE_CACHE_SECONDS", "0")

import django

django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

application = get_wsgi_application()


def get(url: str) -> int:
    """GET `url` as a WSGI server does: the answer read, then closed (work after the answer)."""
    path, _, query = url.partition("?")
    environ = {"PATH_INFO": path, "QUERY_STRING": query}
    setup_testing_defaults(environ)  # the rest of a GET to 127.0.0.1, as the WSGI standard lists it
    status: list[str] = []

    def start_response(line: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        status.append(line)
        return None

    answer = application(environ, start_response)
    b"".join(answer)
    answer.close()  # type: ignore[attr-defined]
    return int(status[0].split()[0])


class QueryCounter(list[str]):
    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.append(sql)
        return execute(sql, params, many, context)


def urls(insee: str) -> dict[str, str]:
    return {
        "trivial": "/a-propos/",
        "html_cat": "/?commune=Rennes+(35)&categorie=psychologie",
        "html_20km_cat": "/?commune=Rennes+(35)&rayon=20&categorie=psychologie",
        "html_nofilter": "/?q=",
        "html_page200": "/?q=&page=200",
        "html_cat_p5": "/?categorie=psychologie&page=5",
        "api_20km_cat": f"/api/v1/offres?commune={insee}&rayon=20&categorie=psychologie",
        "api_nofilter": "/api/v1/offres",
        "fhir_near": f"/fhir/HealthcareService?location.near-insee-code={insee}|20|km",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--profile", default="")
    parser.add_argument("--only", default="")
    parser.add_argument("--insee", default="35238")
    parser.add_argument("--wall", action="store_true", help="wall-clock time (PostgreSQL works in another process)")
    args = parser.parse_args()
    table = urls(args.insee)
    if args.only:
        table = {k: v for k, v in table.items() if k in args.only.split(",")}
    if args.profile:
        url = table[args.profile]
        get(url)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.runs):
            get(url)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(
            int(os.environ.get("TOP", "45"))
        )
        return
    print(f"load average {os.getloadavg()}, {'wall-clock' if args.wall else 'CPU'} time")
    trivial = None
    for name, url in table.items():
        status = get(url)
        assert status == 200, (url, status)
        queries = QueryCounter()
        with connection.execute_wrapper(queries):
            get(url)
        times = []
        for _ in range(args.runs):
            # CPU time of this process: the machine is shared, wall-clock time is noisy.
            clock = time.perf_counter if args.wall else time.process_time
            start = clock()
            get(url)
            times.append((clock() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        med = statistics.median(times)
        if name == "trivial":
            trivial = p95
        ratio = f"{p95 / trivial:5.1f}x" if trivial else ""
        print(f"{name:15} median {med:7.1f} ms  p95 {p95:7.1f} ms  {ratio}  sql {len(queries)}")


if __name__ == "__main__":
    with override_settings(DEBUG=False):
        main()
