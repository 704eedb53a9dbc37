"""The cursor of the public read paths' hand-written statements (the search's page, counts
and places): on PostgreSQL, each statement is prepared once per connection, so that a
request spares its planning, about half of what these statements cost (docs/adr/0042).

Django's own queries keep its defaults (values bound in the client, nothing prepared).
PostgreSQL plans a prepared statement for its values five times, then keeps a generic plan
only when it is not costlier than those (`plan_cache_mode = auto`). Off with
DATABASE_PREPARED_STATEMENTS=false, behind a connection pooler that cannot keep prepared
statements (PgBouncer in transaction mode before 1.21).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from django.db import connection
from django.db.backends.utils import CursorWrapper


@contextmanager
def read_cursor(*, prepare: bool = True) -> Iterator[CursorWrapper]:
    """A cursor like `connection.cursor()`, whose statements PostgreSQL prepares.

    `prepare=False`: values still bound by the server, but the statement planned for them at
    each execution. For a statement whose best plan depends on its values more than
    PostgreSQL's generic plan can tell: the counts of the widening advice, which start from
    a small category or from the places of a wide area (a generic plan started from the
    places: 4 to 9 ms instead of 1.5 for a category of 12 offers within 100 km)."""
    with connection.cursor() as cursor:  # opens and checks the connection as Django does
        if connection.vendor != "postgresql" or connection.connection.prepare_threshold is None:
            yield cursor
            return
        preparing = PreparingCursor(connection.connection) if prepare else PlanningCursor(connection.connection)
        # Wrapped as Django wraps its own: errors translated, statements logged and counted.
        # (django-stubs type their argument as Django's wrapper; Django passes the driver's cursor.)
        make = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
        wrapped = make(preparing)  # type: ignore[arg-type]
        with wrapped:
            yield wrapped


def is_one_of(column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    """`column` is one of `values`: on PostgreSQL one array parameter, so that the statement
    is the same whatever the number of values (and prepared once); elsewhere an IN list."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(values)]
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


class PreparingCursor(psycopg.Cursor):  # type: ignore[type-arg]
    """Values bound by the server, and each statement prepared from its first execution."""

    prepared = True

    def execute(
        self, query: Any, params: Any = None, *, prepare: bool | None = None, binary: bool | None = None
    ) -> Any:
        return super().execute(query, params, prepare=self.prepared if prepare is None else prepare, binary=binary)

    def _convert_query(self, query: Any, params: Any = None) -> Any:
        converted = super()._convert_query(query, params)
        # Django's query log reads the statement there; psycopg (3.3) sets it only for a
        # statement it does not prepare. tests/core/test_statements.py checks the log.
        self._query = converted
        return converted


class PlanningCursor(PreparingCursor):
    """Values bound by the server, each statement planned for them (never prepared)."""

    prepared = False
