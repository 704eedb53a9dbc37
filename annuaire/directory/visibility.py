"""`Offer.is_public`: the offer and its structure are both published, kept by the database.

The public search counts and pages published offers of published structures. Checking the
structure's status joins every published offer to its structure: on PostgreSQL a hash join of
~80,000 offers × ~20,000 structures per count at national scale (docs/adr/0036). The flag
answers the same question from the offer's row alone, so that counts and deep pages read one
index.

Triggers keep it, so that every way of writing a status (the publication module's `save()`
and `QuerySet.update`, the demo's bulk loads, a raw SQL repair) moves it too:

- an offer inserted or updated (its status, its structure, or the flag itself) gets the flag
  from its status and its structure's status;
- a structure whose status changes sets the flag of each of its offers.

The model's value in memory is not refreshed by `save()`: read the flag from the database.
"""

from __future__ import annotations

from annuaire.core.kept_copies import KeptCopy
from annuaire.directory.enums import PublicationStatus

PUBLISHED = PublicationStatus.PUBLISHED.value
assert PUBLISHED.isalpha()  # written into the triggers' SQL below (`'publiee' = status`: compared, never written)

_OFFER_RULE = (
    f"('{PUBLISHED}' = new.status AND EXISTS (SELECT 1 FROM directory_structure s "
    f"WHERE s.id = new.structure_id AND '{PUBLISHED}' = s.status))"
)
# Every offer of a structure whose status changed to new.status.
_STRUCTURE_RULE = f"('{PUBLISHED}' = status AND '{PUBLISHED}' = new.status)"
# A flag out of step anywhere (after a repair): all offers recomputed.
_RECOMPUTE = (
    f"UPDATE directory_offer SET is_public = ('{PUBLISHED}' = status AND EXISTS (SELECT 1 FROM directory_structure s "
    f"WHERE s.id = directory_offer.structure_id AND '{PUBLISHED}' = s.status))"
)

_SQLITE_TRIGGERS = {
    "directory_offer_public_insert": f"""
        CREATE TRIGGER IF NOT EXISTS directory_offer_public_insert AFTER INSERT ON directory_offer
        WHEN new.is_public IS NOT {_OFFER_RULE} BEGIN
            UPDATE directory_offer SET is_public = {_OFFER_RULE} WHERE id = new.id;
        END""",
    "directory_offer_public_update": f"""
        CREATE TRIGGER IF NOT EXISTS directory_offer_public_update
        AFTER UPDATE OF status, structure_id, is_public ON directory_offer
        WHEN new.is_public IS NOT {_OFFER_RULE} BEGIN
            UPDATE directory_offer SET is_public = {_OFFER_RULE} WHERE id = new.id;
        END""",
    "directory_structure_public_update": f"""
        CREATE TRIGGER IF NOT EXISTS directory_structure_public_update AFTER UPDATE OF status ON directory_structure
        WHEN old.status IS NOT new.status BEGIN
            UPDATE directory_offer SET is_public = {_STRUCTURE_RULE}
            WHERE structure_id = new.id AND is_public IS NOT {_STRUCTURE_RULE};
        END""",
}

# PostgreSQL: the offer's row is set before it is written (no second write); a structure's
# change updates its offers, whose own trigger then agrees. Each statement of a trigger function
# reads with a fresh snapshot: an offer updated while another transaction changes its
# structure waits for that row and sees the structure's committed status.
_POSTGRES_FUNCTIONS = {
    "directory_offer_public": f"""
    CREATE OR REPLACE FUNCTION directory_offer_public() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.is_public := {_OFFER_RULE.replace("new.", "NEW.")};
        RETURN NEW;
    END $$""",
    "directory_structure_public": f"""
    CREATE OR REPLACE FUNCTION directory_structure_public() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE directory_offer SET is_public = {_STRUCTURE_RULE.replace("new.", "NEW.")}
        WHERE structure_id = NEW.id AND is_public IS DISTINCT FROM {_STRUCTURE_RULE.replace("new.", "NEW.")};
        RETURN NULL;
    END $$""",
}
_POSTGRES_TRIGGERS = {
    "directory_offer_public": (
        "directory_offer",
        """
        CREATE TRIGGER directory_offer_public BEFORE INSERT OR UPDATE OF status, structure_id, is_public
        ON directory_offer FOR EACH ROW EXECUTE FUNCTION directory_offer_public()""",
    ),
    "directory_structure_public": (
        "directory_structure",
        """
        CREATE TRIGGER directory_structure_public AFTER UPDATE OF status ON directory_structure
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION directory_structure_public()""",
    ),
}

IS_PUBLIC = KeptCopy(
    sqlite_triggers=_SQLITE_TRIGGERS,
    postgres_functions=_POSTGRES_FUNCTIONS,
    postgres_triggers=_POSTGRES_TRIGGERS,
    recompute=[_RECOMPUTE],
    sqlite_exists="SELECT 1 FROM pragma_table_info('directory_offer') WHERE name = 'is_public'",
)
# Migration steps and the repair after `migrate` (annuaire/directory/signals.py).
install = IS_PUBLIC.install
uninstall = IS_PUBLIC.uninstall
repair_sqlite_triggers = IS_PUBLIC.repair_sqlite_triggers
