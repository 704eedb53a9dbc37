"""`SearchPoint`: one row per offer and place, with the offer's category and the place's
coordinates, kept by the database's triggers (docs/adr/0044).

The search around a commune asks "offers of this category within 20 km". Starting from the
places near the commune reads every offer there whatever its category; starting from the
category reads its offers all over France. A row holding both the category and the
coordinates lets one index (category, latitude, longitude) read only the offers of the
category in a band of latitude around the commune.

Triggers keep the copy, so that every way of writing (the ORM's `save()`, `update()` and
many-to-many changes, the demo's bulk loads, an import, a raw SQL repair) moves it too:

- a link between an offer and a place inserted, changed or deleted: its row follows;
- an offer whose category changes: its rows take the new one;
- a place whose coordinates change: its rows take the new ones.
"""

from __future__ import annotations

from typing import Any

TABLE = "directory_search_point"

_COLUMNS = f"INSERT INTO {TABLE} (id, offer_id, place_id, category_id, lat, lng)"


def _row_of(link: str) -> str:
    """The statement writing the row of the link `link` (a trigger's `new`)."""
    return (
        f"{_COLUMNS} SELECT {link}.id, {link}.offer_id, {link}.place_id, offer.category_id, place.lat, place.lng "
        f"FROM directory_offer offer JOIN directory_place place ON place.id = {link}.place_id "
        f"WHERE offer.id = {link}.offer_id"
    )


# Every row again, from the links (after the migration, or a repair).
_REBUILD = [
    f"DELETE FROM {TABLE}",
    f"{_COLUMNS} SELECT link.id, link.offer_id, link.place_id, offer.category_id, place.lat, place.lng "
    "FROM directory_offer_places link JOIN directory_offer offer ON offer.id = link.offer_id "
    "JOIN directory_place place ON place.id = link.place_id",
]

_SQLITE_TRIGGERS = {
    "directory_search_point_link_insert": f"""
        CREATE TRIGGER IF NOT EXISTS directory_search_point_link_insert AFTER INSERT ON directory_offer_places
        BEGIN
            DELETE FROM {TABLE} WHERE id = new.id;
            {_row_of("new")};
        END""",
    "directory_search_point_link_update": f"""
        CREATE TRIGGER IF NOT EXISTS directory_search_point_link_update AFTER UPDATE ON directory_offer_places
        BEGIN
            DELETE FROM {TABLE} WHERE id IN (old.id, new.id);
            {_row_of("new")};
        END""",
    "directory_search_point_link_delete": f"""
        CREATE TRIGGER IF NOT EXISTS directory_search_point_link_delete AFTER DELETE ON directory_offer_places
        BEGIN
            DELETE FROM {TABLE} WHERE id = old.id;
        END""",
    "directory_search_point_offer": f"""
        CREATE TRIGGER IF NOT EXISTS directory_search_point_offer AFTER UPDATE OF category_id ON directory_offer
        WHEN old.category_id IS NOT new.category_id
        BEGIN
            UPDATE {TABLE} SET category_id = new.category_id WHERE offer_id = new.id;
        END""",
    "directory_search_point_place": f"""
        CREATE TRIGGER IF NOT EXISTS directory_search_point_place AFTER UPDATE OF lat, lng ON directory_place
        WHEN old.lat IS NOT new.lat OR old.lng IS NOT new.lng
        BEGIN
            UPDATE {TABLE} SET lat = new.lat, lng = new.lng WHERE place_id = new.id;
        END""",
}

_POSTGRES_FUNCTIONS = [
    f"""
    CREATE OR REPLACE FUNCTION directory_search_point_link() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            DELETE FROM {TABLE} WHERE id = OLD.id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            DELETE FROM {TABLE} WHERE id = NEW.id;
            {_row_of("NEW")};
        END IF;
        RETURN NULL;
    END $$""",
    f"""
    CREATE OR REPLACE FUNCTION directory_search_point_offer() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {TABLE} SET category_id = NEW.category_id WHERE offer_id = NEW.id;
        RETURN NULL;
    END $$""",
    f"""
    CREATE OR REPLACE FUNCTION directory_search_point_place() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {TABLE} SET lat = NEW.lat, lng = NEW.lng WHERE place_id = NEW.id;
        RETURN NULL;
    END $$""",
]
_POSTGRES_TRIGGERS = {
    "directory_search_point_link": (
        "directory_offer_places",
        "AFTER INSERT OR UPDATE OR DELETE ON directory_offer_places FOR EACH ROW "
        "EXECUTE FUNCTION directory_search_point_link()",
    ),
    "directory_search_point_offer": (
        "directory_offer",
        "AFTER UPDATE OF category_id ON directory_offer FOR EACH ROW "
        "WHEN (OLD.category_id IS DISTINCT FROM NEW.category_id) EXECUTE FUNCTION directory_search_point_offer()",
    ),
    "directory_search_point_place": (
        "directory_place",
        "AFTER UPDATE OF lat, lng ON directory_place FOR EACH ROW "
        "WHEN (OLD.lat IS DISTINCT FROM NEW.lat OR OLD.lng IS DISTINCT FROM NEW.lng) "
        "EXECUTE FUNCTION directory_search_point_place()",
    ),
}


def install(schema_editor: Any) -> None:
    """Create the triggers and fill the table from the links (a migration step)."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for trigger in _SQLITE_TRIGGERS.values():
            schema_editor.execute(trigger)
    elif vendor == "postgresql":
        schema_editor.execute("SET LOCAL statement_timeout = 0")
        for function in _POSTGRES_FUNCTIONS:
            schema_editor.execute(function)
        for name, (table, definition) in _POSTGRES_TRIGGERS.items():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            schema_editor.execute(f"CREATE TRIGGER {name} {definition}")
    for statement in _REBUILD:
        schema_editor.execute(statement)


def uninstall(schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in _SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif vendor == "postgresql":
        for name, (table, _definition) in _POSTGRES_TRIGGERS.items():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for name in ("directory_search_point_link", "directory_search_point_offer", "directory_search_point_place"):
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")


def repair_sqlite_triggers(using_connection: Any) -> bool:
    """Recreate the SQLite triggers a later migration dropped (SQLite alters a table by copying
    it), then refill the table. Run after every `migrate`; returns whether it repaired."""
    if using_connection.vendor != "sqlite":
        return False
    with using_connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
        if TABLE not in present or present.issuperset(_SQLITE_TRIGGERS):
            return False
        for trigger in _SQLITE_TRIGGERS.values():
            cursor.execute(trigger)
        for statement in _REBUILD:
            cursor.execute(statement)
    return True
