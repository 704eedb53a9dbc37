"""Anonymous search counts are kept 13 months (a setting), then purged."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from annuaire.insight.models import SearchCount
from annuaire.insight.searches import purge

pytestmark = pytest.mark.django_db


def _day(day: date) -> None:
    SearchCount.objects.create(day=day, category="psychologie", result_count=0)


def test_counts_older_than_thirteen_months_are_deleted_and_the_rest_kept() -> None:
    for day in [date(2025, 10, 31), date(2025, 11, 1), date(2026, 11, 30)]:
        _day(day)
    assert purge(today=date(2026, 12, 1)) == 1
    assert sorted(SearchCount.objects.values_list("day", flat=True)) == [date(2025, 11, 1), date(2026, 11, 30)]


def test_the_retention_is_a_setting(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SEARCH_STATS_RETENTION_MONTHS = 1
    _day(date(2026, 10, 31))
    _day(date(2026, 11, 1))
    assert purge(today=date(2026, 12, 15)) == 1
    assert list(SearchCount.objects.values_list("day", flat=True)) == [date(2026, 11, 1)]


def test_the_purge_command_says_how_many_rows_it_deleted() -> None:
    _day(date(2020, 1, 1))
    out = io.StringIO()
    call_command("purge_search_stats", stdout=out)
    assert "13 mois supprimées : 1 ligne(s)" in out.getvalue()
    assert not SearchCount.objects.exists()
