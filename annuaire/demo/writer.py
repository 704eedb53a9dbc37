"""Find, delete and insert demo rows, fast: bulk inserts, no per-row `save()`.

`Offer.save()` computes `search_text` and `Place.save()` fills coordinates: the
generator sets both itself, since `bulk_create` skips `save()` and signals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from auditlog.context import disable_auditlog
from django.db import connection, transaction
from django.db.models import Model

from annuaire.demo.applications import delete_demo_applications
from annuaire.demo.generator import DemoData
from annuaire.directory import fictitious
from annuaire.directory.fictitious import fictitious_structures
from annuaire.directory.models import Offer, Place, PublicationEvent, Structure, StructureQuerySet
from annuaire.directory.publication import seeding

DEMO_LABEL = "Génération de la démonstration"

BATCH_SIZE = 2000


@dataclass(frozen=True)
class Counts:
    structures: int
    places: int
    offers: int


def demo_structures() -> StructureQuerySet:
    return fictitious_structures()


def demo_counts() -> Counts:
    structures = demo_structures()
    return Counts(
        structures=structures.count(),
        places=Place.objects.filter(structure__in=structures).count(),
        offers=Offer.objects.filter(structure__in=structures).count(),
    )


@transaction.atomic
@disable_auditlog()
def delete_demo() -> int:
    """Delete demo structures and everything they own; other structures are untouched.

    Not recorded in the change history: demo data is tooling (and was inserted in bulk,
    unrecorded, too); with the history's signals off, the deletes stay fast."""
    delete_demo_applications()
    structures = demo_structures().values("pk")
    offers = Offer.objects.filter(structure__in=structures).values("pk")
    PublicationEvent.objects.filter(structure__in=structures).delete()
    Offer.subcategories.through.objects.filter(offer__in=offers).delete()
    Offer.places.through.objects.filter(offer__in=offers).delete()
    Offer.objects.filter(structure__in=structures).delete()
    Place.objects.filter(structure__in=structures).delete()
    count, _by_model = demo_structures().delete()
    transaction.on_commit(lambda: fictitious.remember(False))
    return count


def insert_pairs(
    through: type[Model], left: str, right: str, pairs: Iterable[tuple[Model, Model]], batch: int = 400
) -> None:
    table = connection.ops.quote_name(through._meta.db_table)
    columns = f"{connection.ops.quote_name(left)}, {connection.ops.quote_name(right)}"
    rows = [(a.pk, b.pk) for a, b in pairs]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            values = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", [v for row in chunk for v in row])


@transaction.atomic
def save(data: DemoData) -> Counts:
    """Insert the rows; their statuses and journal come from the publication module."""
    journal = seeding.prepare(data.structures, data.structure_statuses, by=DEMO_LABEL, at=data.structure_moments)
    journal += seeding.prepare(data.offers, data.offer_statuses, by=DEMO_LABEL, at=data.offer_moments)
    Structure.objects.bulk_create(data.structures, batch_size=BATCH_SIZE)
    Place.objects.bulk_create(data.places, batch_size=BATCH_SIZE)
    Offer.objects.bulk_create(data.offers, batch_size=BATCH_SIZE)
    seeding.record(journal, batch_size=BATCH_SIZE)
    # Link tables: plain multi-row inserts, the ORM adds nothing here but time.
    insert_pairs(Offer.subcategories.through, "offer_id", "subcategory_id", data.offer_subcategories)
    insert_pairs(Offer.places.through, "offer_id", "place_id", data.offer_places)
    transaction.on_commit(lambda: fictitious.remember(bool(data.structures)))
    return Counts(len(data.structures), len(data.places), len(data.offers))


def refresh_statistics() -> None:
    """Let the query planner know the new table sizes (SQLite keeps none by itself).

    Without statistics, SQLite starts a proximity search from the offers' status index
    instead of the places' (lat, lng) index: 10x slower at 100,000 offers (docs/benchmarks.md).
    On PostgreSQL, outside a transaction, VACUUM too: it marks the freshly written pages
    all-visible, as autovacuum does later in production, so that index-only scans need not
    visit the table (a deep page of a category: 15 ms → 1 ms at national scale).
    """
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")
