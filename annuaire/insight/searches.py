"""Anonymous statistics of the public search: what was asked, how many results it gave.

`record_search` is the one entry point, called by the HTML search page and the JSON API.
It adds one row per (day, criteria, result count) with a counter (one upsert statement
per search), and never stores an IP address, a cookie, a user agent, a time of day or
text as typed: free-text words are kept only if they belong to the taxonomy's
vocabulary. Groups of fewer than `MIN_GROUP` searches are never shown
(docs/adr/0021-anonymous-search-statistics.md).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.http import HttpRequest
from django.utils import timezone

from annuaire.core import published
from annuaire.core.after_response import after_response
from annuaire.core.text import normalize, search_words
from annuaire.directory.search import SearchCriteria
from annuaire.geo.models import Departement
from annuaire.insight.models import SearchCount
from annuaire.insight.territory import Territory
from annuaire.taxonomy.models import Category, SubCategory

logger = logging.getLogger(__name__)

MIN_GROUP = 5  # a group of fewer searches could point at a person: never shown
FEW_RESULTS = 2  # "few results": at most this many offers found
VOCABULARY_TTL_SECONDS = 600
MIN_WORD_LENGTH = 4  # "de", "la", "des"... say nothing about what was sought
STOP_WORDS = frozenset(
    {"pour", "avec", "dans", "sans", "chez", "leur", "leurs", "entre", "vers", "sous", "autre", "autres"}
)

_vocabulary: tuple[float, frozenset[str]] = (0.0, frozenset())


def taxonomy_vocabulary() -> frozenset[str]:
    """Normalised words of the active categories' and sub-categories' labels (cached 10 minutes)."""
    global _vocabulary
    loaded_at, words = _vocabulary
    if time.monotonic() - loaded_at > VOCABULARY_TTL_SECONDS or not words:
        labels = list(Category.objects.active().values_list("label", flat=True))
        labels += list(SubCategory.objects.active().values_list("label", flat=True))
        words = frozenset(
            w
            for label in labels
            for w in normalize(label).split(" ")
            if len(w) >= MIN_WORD_LENGTH and w not in STOP_WORDS
        )
        _vocabulary = (time.monotonic(), words)
    return words


@dataclass(frozen=True)
class AnonymousSearch:
    """What is kept of one search: codes only."""

    category: str = ""
    subcategories: str = ""
    filters: str = ""
    words: str = ""
    commune: str = ""
    departement: str = ""
    radius_km: int = 0

    @classmethod
    def of(cls, criteria: SearchCriteria, vocabulary: frozenset[str] | None = None) -> AnonymousSearch:
        filters = [f"{name}={code}" for name, codes in criteria.choices.items() for code in codes]
        if criteria.parcours_global:
            filters.append("parcours")
        if criteria.free_only:
            filters.append("gratuit")
        words: list[str] = []
        if criteria.text:
            known = vocabulary if vocabulary is not None else taxonomy_vocabulary()
            words = sorted({w for w in search_words(criteria.text) if w in known})
        departement = criteria.departement.code if criteria.departement else ""
        if criteria.commune is not None and not departement:
            departement = criteria.commune.departement_id
        return cls(
            category=criteria.category.code if criteria.category else "",
            subcategories=",".join(sorted(s.code for s in criteria.subcategories))[:255],
            filters=",".join(sorted(filters))[:255],
            words=" ".join(words)[:255],
            commune=criteria.commune.code if criteria.commune else "",
            departement=departement,
            radius_km=round(criteria.radius_km or 0) if criteria.commune else 0,
        )

    @property
    def is_empty(self) -> bool:
        """Nothing asked (the home page, or only words outside the vocabulary)."""
        return not any((self.category, self.subcategories, self.filters, self.words, self.commune, self.departement))


_COLUMNS = ["day", "category", "subcategories", "filters", "words", "commune", "departement", "radius_km"]


def record_search(criteria: SearchCriteria, result_count: int, request: HttpRequest | None = None) -> None:
    """Count one public search (at most one SQL statement; never fails the search). With the
    `request`, the count is written once the answer is sent (the person does not wait for
    it), and an answer served again from the response cache is counted again too."""
    asked = AnonymousSearch.of(criteria)
    if asked.is_empty:
        return
    if request is None:
        count_search(asked, result_count)
        return
    after_response(request, count_search, asked, result_count)
    published.repeat_on_cached_answers(request, count_search, asked, result_count)


def count_search(asked: AnonymousSearch, result_count: int) -> None:
    """Add one to the day's counter of `asked` (one upsert statement; never fails the search)."""
    table = connection.ops.quote_name(SearchCount._meta.db_table)
    key = [*_COLUMNS, "result_count"]
    columns = ", ".join(key)
    sql = (
        f"INSERT INTO {table} ({columns}, searches) VALUES ({', '.join(['%s'] * (len(key) + 1))}) "
        f"ON CONFLICT ({columns}) DO UPDATE SET searches = {table}.searches + 1"
    )
    values = [timezone.localdate(), *(getattr(asked, name) for name in _COLUMNS[1:]), result_count, 1]
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # The counter's own commit need not wait for the disk (an fsync: several ms per search
        # on a busy disk). Sent with the upsert in one message, hence in its one implicit
        # transaction; a crash may lose the last counts, never the database (docs/adr/0036).
        sql = "SET LOCAL synchronous_commit TO OFF; " + sql
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
    except DatabaseError:
        logger.exception("Anonymous search statistics: the count could not be written")


def purge(today: date | None = None) -> int:
    """Delete the counts older than the retention (SEARCH_STATS_RETENTION_MONTHS); rows deleted."""
    today = today or timezone.localdate()
    months = settings.SEARCH_STATS_RETENTION_MONTHS
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    cutoff = date(year, month + 1, 1)
    deleted, _ = SearchCount.objects.filter(day__lt=cutoff).delete()
    return deleted


@dataclass(frozen=True)
class UnmetSearch:
    month: date
    departement: str
    category: str
    subcategories: str
    filters: str
    words: str
    searches: int
    without_result: int


def searches_in(territory: Territory) -> Q:
    """Counts of searches around a commune of the territory, or in one of its départements."""
    if territory.is_everywhere:
        return Q()
    q = Q(commune__in=sorted(territory.communes)) | Q(departement__in=sorted(territory.departements))
    if territory.regions:
        q |= Q(departement__in=Departement.objects.filter(region_id__in=sorted(territory.regions)).values("code"))
    return q


def unmet_searches(
    territory: Territory, since: date | None = None, few: int = FEW_RESULTS, limit: int = 50
) -> list[UnmetSearch]:
    """The most frequent searches of the territory that found at most `few` offers, by month
    and département. A group of fewer than MIN_GROUP searches is never returned."""
    rows: QuerySet[SearchCount] = SearchCount.objects.filter(searches_in(territory), result_count__lte=few)
    if since is not None:
        rows = rows.filter(day__gte=since)
    groups = (
        rows.annotate(month=TruncMonth("day"))
        .values("month", "departement", "category", "subcategories", "filters", "words")
        .annotate(total=Sum("searches"), without=Sum("searches", filter=Q(result_count=0)))
        .filter(total__gte=MIN_GROUP)
        .order_by("-month", F("total").desc(), "departement", "category", "subcategories", "filters", "words")
    )[:limit]
    return [
        UnmetSearch(
            month=g["month"],
            departement=g["departement"],
            category=g["category"],
            subcategories=g["subcategories"],
            filters=g["filters"],
            words=g["words"],
            searches=g["total"],
            without_result=g["without"] or 0,
        )
        for g in groups
    ]
