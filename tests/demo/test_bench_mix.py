"""`make bench`'s request mix and figures (annuaire/demo/bench_mix.py, bench_run.py): every
search URL once per run, every request answering, ratios taken from the same runs."""

from typing import Any

import pytest
from django.test import Client

from annuaire.demo.bench_mix import DEEP_KIND, SEARCH_KIND, TRIVIAL_KIND, request_mixes, warm_up_requests
from annuaire.demo.bench_run import engine_entry, run_summary


@pytest.mark.django_db
@pytest.mark.xdist_group("seed_demo")
@pytest.mark.usefixtures("seeded_demo_region")
class TestTheMixOnTheDemoRegion:
    def test_no_search_url_is_asked_twice_in_a_run_even_across_client_levels(self) -> None:
        mixes = request_mixes(per_kind=4, parts=2, seed=53)
        searches = [
            r.path for mix in mixes for r in mix if r.kind != TRIVIAL_KIND and not r.path.startswith("/offres/")
        ]
        assert len(searches) == len(set(searches)) == 2 * 4 * 9
        assert all(sum(r.kind == SEARCH_KIND for r in mix) == 4 for mix in mixes)

    def test_every_request_of_the_mix_answers(self) -> None:
        client = Client()
        (mix,) = request_mixes(per_kind=1, parts=1, seed=7)
        mix += warm_up_requests()
        statuses = {r.path: client.get(r.path).status_code for r in mix}
        assert set(statuses.values()) == {200}, statuses
        assert {r.kind for r in mix} >= {SEARCH_KIND, DEEP_KIND, TRIVIAL_KIND}

    def test_the_warm_up_asks_each_kind_of_the_mix_once(self) -> None:
        (mix,) = request_mixes(per_kind=1, parts=1, seed=53)
        warm_up = warm_up_requests()
        assert sorted(r.kind for r in warm_up) == sorted({r.kind for r in mix})


def run(trivial: float, search: float, deep: float, rss: float) -> dict[str, Any]:
    timings = {TRIVIAL_KIND: [trivial], SEARCH_KIND: [search], DEEP_KIND: [deep]}
    one = {"timings": timings, "rps": 10.0, "errors": 0}
    busy = {"timings": timings, "rps": 40.0, "errors": 0}
    return run_summary({1: one, 16: busy}, {SEARCH_KIND: 8}, rss, [1, 16])


def test_the_ratios_compare_the_p95_of_the_regional_and_national_runs() -> None:
    entry = engine_entry(run(2.0, 6.0, 3.0, 110.0), run(3.0, 12.0, 9.0, 120.0))
    assert entry["trivial_p95_ms"] == 2.0
    assert entry["regional_search_p95_ms"] == 6.0
    assert entry["national_search_p95_ms"] == 12.0
    assert entry["regional_over_trivial"] == 3.0
    assert entry["national_over_regional"] == 2.0
    assert entry["deep_page_over_search"] == 0.75  # page 200 against the national filtered search
    assert entry["throughput_rps"] == 40.0  # at the busiest level of the regional run
    assert entry["worker_rss_mb"] == 120.0
    assert entry["queries_per_search"] == 8


def test_a_missing_run_leaves_its_figures_empty_rather_than_invented() -> None:
    entry = engine_entry(run(2.0, 6.0, 3.0, 110.0), None)
    assert entry["national_search_p95_ms"] is None
    assert entry["national_over_regional"] is None
    assert entry["deep_page_over_search"] == 0.5  # from the regional run then
