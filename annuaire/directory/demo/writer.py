"""Find, delete and insert demo rows, fast: bulk inserts, no per-row `save()`.

`Offer.save()` computes `search_text` and `Place.save()` fills coordinates: the
generator sets both itself, since `bulk_create` skips `save()` and signals.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from annuaire.directory.demo.generator import DEMO_DOMAIN, DemoData
from annuaire.directory.models import Offer, Place, Structure, StructureQuerySet

BATCH_SIZE = 2000


@dataclass(frozen=True)
class Counts:
    structures: int
    places: int
    offers: int


def demo_structures() -> StructureQuerySet:
    return Structure.objects.filter(email__endswith="." + DEMO_DOMAIN)


def demo_counts() -> Counts:
    structures = demo_structures()
    return Counts(
        structures=structures.count(),
        places=Place.objects.filter(structure__in=structures).count(),
        offers=Offer.objects.filter(structure__in=structures).count(),
    )


@transaction.atomic
def delete_demo() -> int:
    """Delete demo structures and everything they own; other structures are untouched."""
    structures = demo_structures().values("pk")
    offers = Offer.objects.filter(structure__in=structures).values("pk")
    Offer.subcategories.through.objects.filter(offer__in=offers).delete()
    Offer.places.through.objects.filter(offer__in=offers).delete()
    Offer.objects.filter(structure__in=structures).delete()
    Place.objects.filter(structure__in=structures).delete()
    count, _by_model = demo_structures().delete()
    return count


@transaction.atomic
def save(data: DemoData) -> Counts:
    Structure.objects.bulk_create(data.structures, batch_size=BATCH_SIZE)
    Place.objects.bulk_create(data.places, batch_size=BATCH_SIZE)
    Offer.objects.bulk_create(data.offers, batch_size=BATCH_SIZE)
    subcategory_link = Offer.subcategories.through
    place_link = Offer.places.through
    subcategory_link.objects.bulk_create(
        [subcategory_link(offer_id=offer.pk, subcategory_id=sub.pk) for offer, sub in data.offer_subcategories],
        batch_size=BATCH_SIZE * 5,
    )
    place_link.objects.bulk_create(
        [place_link(offer_id=offer.pk, place_id=place.pk) for offer, place in data.offer_places],
        batch_size=BATCH_SIZE * 5,
    )
    return Counts(len(data.structures), len(data.places), len(data.offers))
