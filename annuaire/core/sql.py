"""SQL text about one row, usable in a hand-written statement and inside a Django queryset.

A `Fragment` is a condition or a value about one row of a table, written against the
placeholder `{row}` (the table's alias) with `%s` parameters: `{row}.category_id = %s`.
`RowSQL` puts a fragment in a queryset as an expression; its `{row}` is the queryset's own
alias, renamed with it when the queryset becomes a subquery (which `RawSQL` cannot do).
docs/adr/0039-search-as-sql.md says why the search is written this way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Expression, F, Field


@dataclass(frozen=True)
class Fragment:
    sql: str  # with `{row}` for the row's table alias and `%s` for each parameter
    params: tuple[Any, ...] = ()

    def about(self, row: str) -> str:
        """The SQL with `row` as the row's table alias."""
        return self.sql.replace("{row}", row)

    def negated(self) -> Fragment:
        return Fragment(f"NOT ({self.sql})", self.params)


def all_of(fragments: Iterable[Fragment]) -> Fragment | None:
    """The conjunction of `fragments`, None when there is none."""
    fragments = list(fragments)
    if not fragments:
        return None
    return Fragment(
        " AND ".join(f"({f.sql})" for f in fragments), tuple(p for fragment in fragments for p in fragment.params)
    )


def any_of(fragments: Iterable[Fragment]) -> Fragment:
    fragments = list(fragments)
    return Fragment(
        " OR ".join(f"({f.sql})" for f in fragments), tuple(p for fragment in fragments for p in fragment.params)
    )


def contains(column: str, text: str) -> Fragment:
    """`column` contains `text`, as Django's `__contains` lookup writes it on this engine
    (the same operator, cast and escaping, so the same indexes serve it)."""
    lhs = connection.ops.lookup_cast("contains", "CharField") % column
    operator = connection.operators["contains"] % "%s"
    return Fragment(f"{lhs} {operator}", (f"%{connection.ops.prep_for_like_query(text)}%",))


def date_param(value: Any) -> Any:
    """A date as this engine's driver takes it in a hand-written statement."""
    return connection.ops.adapt_datefield_value(value)


def json_rows(columns: Sequence[str], source: str) -> str:
    """A scalar subquery: the rows of `SELECT columns FROM source` as one JSON text, a list of
    lists in no particular order (NULL or "[]" when there is none). A floating-point column
    goes through `exact_real`. Read with `json.loads`."""
    if connection.vendor == "postgresql":
        return f"(SELECT json_agg(json_build_array({', '.join(columns)}))::text FROM {source})"
    return f"(SELECT json_group_array(json_array({', '.join(columns)})) FROM {source})"


def exact_real(column: str) -> str:
    """A floating-point `column` for `json_rows`, so that `float()` gives back the very number
    stored: PostgreSQL's JSON writes the shortest exact digits; SQLite's JSON writes 15
    significant digits, its printf 17 (enough for any double) as a string."""
    if connection.vendor == "postgresql":
        return column
    return f"CASE WHEN {column} IS NULL THEN NULL ELSE printf('%%!.17g', {column}) END"


class RowSQL(Expression):
    """`fragment` as an expression of a queryset's rows (of type `output_field`); `{row}` is the
    alias of the queryset's own table, kept right when the queryset is used as a subquery."""

    def __init__(self, fragment: Fragment, output_field: Field[Any, Any]) -> None:
        super().__init__(output_field=output_field)
        self.fragment = fragment
        self.row: Any = F("pk")  # resolved to the row's primary-key column, whose alias is the row's

    def get_source_expressions(self) -> list[Any]:
        return [self.row]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.row,) = exprs

    def as_sql(self, compiler: Any, connection: Any, **extra_context: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        return self.fragment.about(compiler.quote_name_unless_alias(self.row.alias)), list(self.fragment.params)
