"""`SearchPoint`: one row per offer and place, with the offer's category and the place's
coordinates, kept by the database's triggers (docs/adr/0044).

The search around a commune asks "offers of this category within 20 km"; the département
filter, "offers with a place in this département". Starting from the
places near the commune reads every offer there whatever its category; starting from the
category reads its offers all over France. A row holding both the category and the
coordinates lets one index (category, latitude, longitude) read only the offers of the
category in a band of latitude around the commune.

Triggers keep the copy, so that every way of writing (the ORM's `save()`, `update()` and
many-to-many changes, the demo's bulk loads, an import, a raw SQL repair) moves it too:

- a link between an offer and a place inserted, changed or deleted: its row follows;
- an offer whose category changes: its rows take the new one;
- a place whose coordinates or commune change: its rows take the new ones (a commune's
  département never changes: the official code of a commune carries its département's).
"""

from __future__ import annotations

from annuaire.core.kept_copies import KeptCopy

TABLE = "directory_search_point"

_COLUMNS = f"INSERT INTO {TABLE} (id, offer_id, place_id, category_id, lat, lng, departement_id)"
_FACTS = "offer.category_id, place.lat, place.lng, commune.departement_id"
_COMMUNE = "JOIN geo_commune commune ON commune.code = place.commune_id"


def _row_of(link: str) -> str:
    """The statement writing the row of the link `link` (a trigger's `new`)."""
    return (
        f"{_COLUMNS} SELECT {link}.id, {link}.offer_id, {link}.place_id, {_FACTS} "
        f"FROM directory_offer offer JOIN directory_place place ON place.id = {link}.place_id {_COMMUNE} "
        f"WHERE offer.id = {link}.offer_id"
    )


# Every row again, from the links (after the migration, or a repair).
_REBUILD = [
    f"DELETE FROM {TABLE}",
    f"{_COLUMNS} SELECT link.id, link.offer_id, link.place_id, {_FACTS} "
    "FROM directory_offer_places link JOIN directory_offer offer ON offer.id = link.offer_id "
    f"JOIN directory_place place ON place.id = link.place_id {_COMMUNE}",
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
        CREATE TRIGGER IF NOT EXISTS directory_search_point_place
        AFTER UPDATE OF lat, lng, commune_id ON directory_place
        WHEN old.lat IS NOT new.lat OR old.lng IS NOT new.lng OR old.commune_id IS NOT new.commune_id
        BEGIN
            UPDATE {TABLE} SET lat = new.lat, lng = new.lng,
                departement_id = (SELECT departement_id FROM geo_commune WHERE code = new.commune_id)
            WHERE place_id = new.id;
        END""",
}

_POSTGRES_FUNCTIONS = {
    "directory_search_point_link": f"""
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
    "directory_search_point_offer": f"""
    CREATE OR REPLACE FUNCTION directory_search_point_offer() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {TABLE} SET category_id = NEW.category_id WHERE offer_id = NEW.id;
        RETURN NULL;
    END $$""",
    "directory_search_point_place": f"""
    CREATE OR REPLACE FUNCTION directory_search_point_place() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {TABLE} SET lat = NEW.lat, lng = NEW.lng,
            departement_id = (SELECT departement_id FROM geo_commune WHERE code = NEW.commune_id)
        WHERE place_id = NEW.id;
        RETURN NULL;
    END $$""",
}

_POSTGRES_TRIGGERS = {
    "directory_search_point_link": (
        "directory_offer_places",
        "CREATE TRIGGER directory_search_point_link AFTER INSERT OR UPDATE OR DELETE ON directory_offer_places "
        "FOR EACH ROW EXECUTE FUNCTION directory_search_point_link()",
    ),
    "directory_search_point_offer": (
        "directory_offer",
        "CREATE TRIGGER directory_search_point_offer AFTER UPDATE OF category_id ON directory_offer FOR EACH ROW "
        "WHEN (OLD.category_id IS DISTINCT FROM NEW.category_id) EXECUTE FUNCTION directory_search_point_offer()",
    ),
    "directory_search_point_place": (
        "directory_place",
        "CREATE TRIGGER directory_search_point_place AFTER UPDATE OF lat, lng, commune_id ON directory_place "
        "FOR EACH ROW WHEN (OLD.lat IS DISTINCT FROM NEW.lat OR OLD.lng IS DISTINCT FROM NEW.lng "
        "OR OLD.commune_id IS DISTINCT FROM NEW.commune_id) EXECUTE FUNCTION directory_search_point_place()",
    ),
}

SEARCH_POINTS = KeptCopy(
    sqlite_triggers=_SQLITE_TRIGGERS,
    postgres_functions=_POSTGRES_FUNCTIONS,
    postgres_triggers=_POSTGRES_TRIGGERS,
    recompute=_REBUILD,
    sqlite_exists=f"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{TABLE}'",
)
# Migration steps and the repair after `migrate` (annuaire/directory/signals.py).
install = SEARCH_POINTS.install
uninstall = SEARCH_POINTS.uninstall
repair_sqlite_triggers = SEARCH_POINTS.repair_sqlite_triggers
