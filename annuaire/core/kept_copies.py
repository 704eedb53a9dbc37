"""A denormalised copy that the database keeps in step with triggers, on SQLite and on
PostgreSQL: `Offer.is_public` (annuaire/directory/visibility.py), the search points
(annuaire/directory/search_points.py).

Each copy gives its triggers for both engines and the statements that compute it all again;
this module installs them in a migration, removes them when it is reversed, and recreates the
SQLite ones that a later migration dropped (SQLite alters a table by copying it into a new
one: the triggers of the old table go with it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class KeptCopy:
    sqlite_triggers: Mapping[str, str]  # name → CREATE TRIGGER IF NOT EXISTS name …
    postgres_functions: Mapping[str, str]  # name → CREATE OR REPLACE FUNCTION name() …
    postgres_triggers: Mapping[str, tuple[str, str]]  # name → (its table, CREATE TRIGGER name …)
    recompute: Sequence[str]  # statements computing the whole copy again
    sqlite_exists: str  # a query giving a row once the copy's column or table exists

    def install(self, schema_editor: Any) -> None:
        """Create the triggers and compute the whole copy (a migration step)."""
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            for trigger in self.sqlite_triggers.values():
                schema_editor.execute(trigger)
        elif vendor == "postgresql":
            schema_editor.execute("SET LOCAL statement_timeout = 0")  # a national dataset may take long
            for function in self.postgres_functions.values():
                schema_editor.execute(function)
            for name, (table, trigger) in self.postgres_triggers.items():
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                schema_editor.execute(trigger)
        for statement in self.recompute:
            schema_editor.execute(statement)

    def uninstall(self, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            for name in self.sqlite_triggers:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        elif vendor == "postgresql":
            for name, (table, _trigger) in self.postgres_triggers.items():
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            for name in self.postgres_functions:
                schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")

    def repair_sqlite_triggers(self, using_connection: Any) -> bool:
        """Recreate the SQLite triggers a later migration dropped, then compute the whole copy
        again. Run after every `migrate` (annuaire/directory/signals.py); returns whether it
        repaired."""
        if using_connection.vendor != "sqlite":
            return False
        with using_connection.cursor() as cursor:
            cursor.execute(self.sqlite_exists)
            if cursor.fetchone() is None:
                return False
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            if {row[0] for row in cursor.fetchall()}.issuperset(self.sqlite_triggers):
                return False
            for trigger in self.sqlite_triggers.values():
                cursor.execute(trigger)
            for statement in self.recompute:
                cursor.execute(statement)
        return True
