"""Driving the benchmark mix over HTTP and summing up its figures (docs/benchmarks.md).

`drive` asks every request of a mix once, n clients at a time (threads + urllib, standard
library only); `run_summary` turns one run (one database) into figures; `engine_entry`
joins the regional and national runs of one engine into the flat figures of
bench-results.json, with the ratios the issue's targets are written in.
"""

from __future__ import annotations

import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from annuaire.demo.bench_mix import DEEP_KIND, NO_FILTER_KIND, OFFER_KIND, SEARCH_KIND, TRIVIAL_KIND, Request


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


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


def _p95(timings: dict[str, list[float]], kind: str) -> float:
    return round(percentile(timings[kind], 0.95), 1) if timings.get(kind) else 0.0


def run_summary(
    figures: dict[int, dict[str, Any]], queries: dict[str, int], rss: float, levels: list[int]
) -> dict[str, Any]:
    """The figures of one run: p95 at 1 client, throughput at the busiest level."""
    one, busy = figures[levels[0]], figures[levels[-1]]
    searches = {k: t for k, t in one["timings"].items() if k not in (TRIVIAL_KIND, OFFER_KIND)}
    return {
        "trivial_p95_ms": _p95(one["timings"], TRIVIAL_KIND),
        "search_p95_ms": _p95(one["timings"], SEARCH_KIND),
        "deep_page_p95_ms": _p95(one["timings"], DEEP_KIND),
        "no_filter_p95_ms": _p95(one["timings"], NO_FILTER_KIND),
        "slowest_search_p95_ms": max((_p95(searches, k) for k in searches), default=0.0),
        "queries_per_search": queries.get(SEARCH_KIND, 0),
        "queries_per_kind": queries,
        "throughput_rps": round(busy["rps"], 1),
        "concurrent_clients": levels[-1],
        "concurrent_search_p95_ms": _p95(busy["timings"], SEARCH_KIND),
        "worker_rss_mb": round(rss, 1),
        "errors": sum(f["errors"] for f in figures.values()),
        "percentiles_ms": {
            str(level): {
                kind: [round(percentile(t, share), 1) for share in (0.5, 0.95, 0.99)]
                for kind, t in sorted(result["timings"].items())
            }
            for level, result in figures.items()
        },
    }


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 2) if numerator and denominator else None


def engine_entry(regional: dict[str, Any] | None, national: dict[str, Any] | None) -> dict[str, Any]:
    """The flat figures of one engine (bench-results.json), then each run in full.

    The trivial page, the throughput and the SQL count come from the regional run (the
    demo region is the site as deployed); deep and no-filter pages are compared with the
    filtered search of the national run, where they are hardest (page 200 exists there)."""
    entry: dict[str, Any] = {}
    base = regional or national or {}
    entry["trivial_p95_ms"] = base.get("trivial_p95_ms")
    entry["regional_search_p95_ms"] = regional["search_p95_ms"] if regional else None
    entry["national_search_p95_ms"] = national["search_p95_ms"] if national else None
    entry["queries_per_search"] = base.get("queries_per_search")
    entry["throughput_rps"] = base.get("throughput_rps")
    entry["concurrent_clients"] = base.get("concurrent_clients")
    entry["national_throughput_rps"] = national["throughput_rps"] if national else None
    entry["worker_rss_mb"] = max((r["worker_rss_mb"] for r in (regional, national) if r), default=None)
    entry["regional_over_trivial"] = _ratio(entry["regional_search_p95_ms"] or 0, entry["trivial_p95_ms"] or 0)
    entry["national_over_regional"] = _ratio(entry["national_search_p95_ms"] or 0, entry["regional_search_p95_ms"] or 0)
    deepest = national or regional or {}
    entry["deep_page_over_search"] = _ratio(deepest.get("deep_page_p95_ms", 0), deepest.get("search_p95_ms", 0))
    entry["no_filter_over_search"] = _ratio(deepest.get("no_filter_p95_ms", 0), deepest.get("search_p95_ms", 0))
    entry["errors"] = sum(r["errors"] for r in (regional, national) if r)
    entry["regional"] = regional
    entry["national"] = national
    return entry
