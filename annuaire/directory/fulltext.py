"""Free-text search through the database's own index (docs/adr/0030-full-text-search.md).

`Offer.search_text` holds the offer's normalised text (`annuaire.core.text.normalize`: lower
case, no accents, no punctuation). A query word matches when it occurs anywhere in that text:
"psycho" finds "psychologue", "therapie" finds "psychotherapie", "atelier" finds "ateliers".
Both engines keep that substring rule with a trigram index instead of scanning every offer:

- SQLite: an FTS5 table with the `trigram` tokenizer whose content is `directory_offer`
  (nothing copied but the index), kept in step by triggers, so that `save()`, `bulk_create`,
  `QuerySet.update` and deletions all reach it; a word of 3 characters or more is a phrase
  query (consecutive trigrams = a substring), shorter words keep the plain `LIKE`.
- PostgreSQL: a pg_trgm GIN index on `search_text`, which `LIKE '%word%'` uses as it is.
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from annuaire.core.sql import Fragment, all_of, contains

FTS_TABLE = "directory_offer_fts"
TRIGRAM_INDEX = "directory_offer_search_text_trgm"
# The trigram tokenizer indexes sequences of 3 characters: a shorter word cannot use it.
MIN_INDEXED_LENGTH = 3

_SQLITE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "search_text, content='directory_offer', content_rowid='id', tokenize='trigram')"
)
_SQLITE_TRIGGERS = {
    f"{FTS_TABLE}_insert": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON directory_offer BEGIN
            INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
    f"{FTS_TABLE}_delete": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON directory_offer BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        END""",
    f"{FTS_TABLE}_update": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update AFTER UPDATE OF search_text ON directory_offer
        WHEN old.search_text IS NOT new.search_text BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
            INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
}
_SQLITE_REBUILD = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"


def matching(words: list[str]) -> Fragment | None:
    """About an offer row: its search text contains every one of `words` (normalised query words)."""
    if connection.vendor != "sqlite":
        return all_of(contains("{row}.search_text", word) for word in words)
    indexed = [w for w in words if len(w) >= MIN_INDEXED_LENGTH]
    conditions = [contains("{row}.search_text", w) for w in words if len(w) < MIN_INDEXED_LENGTH]
    if indexed:
        phrases = " AND ".join('"{}"'.format(w.replace('"', '""')) for w in indexed)
        conditions.append(
            Fragment(f"{{row}}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)", (phrases,))
        )
    return all_of(conditions)


def create_index(schema_editor: Any) -> None:
    """Create the engine's index on `directory_offer.search_text` and fill it (a migration step)."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(_SQLITE_TABLE)
        for trigger in _SQLITE_TRIGGERS.values():
            schema_editor.execute(trigger)
        schema_editor.execute(_SQLITE_REBUILD)
    elif vendor == "postgresql":
        # Building the index on a national dataset may outlast the site's statement timeout.
        schema_editor.execute("SET LOCAL statement_timeout = 0")
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON directory_offer USING gin (search_text gin_trgm_ops)"
        )


def drop_index(schema_editor: Any) -> None:
    """Undo `create_index` (the pg_trgm extension stays: it is harmless and may serve others)."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in _SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


def repair_sqlite_triggers(using_connection: Any) -> bool:
    """Recreate the SQLite triggers if a later migration dropped them, then refill the index.

    SQLite alters a table by copying it into a new one: the triggers of the old table go with
    it. Run after every `migrate` (annuaire/directory/signals.py); returns whether it repaired.
    """
    if using_connection.vendor != "sqlite":
        return False
    with using_connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE %s", [f"{FTS_TABLE}%"]
        )
        present = {row[0] for row in cursor.fetchall()}
        if FTS_TABLE not in present or present.issuperset(_SQLITE_TRIGGERS):
            return False
        for trigger in _SQLITE_TRIGGERS.values():
            cursor.execute(trigger)
        cursor.execute(_SQLITE_REBUILD)
    return True
