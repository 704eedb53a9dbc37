"""What a HealthcareService is built from: offers as plain rows (docs/adr/0037).

A search page reads its offers with `.values()`, each with its sub-categories and places, in one
query (`directory.result_links`, docs/adr/0046), without building and prefetching a few
hundred model instances per page. The taxonomy and the ROR
mapping are reference data, the same for everyone: kept in the process until the public data
change (`annuaire.core.published`). A read by id builds the same row from its model
(`ServiceRow.of`); tests/interop/test_fhir_fast_path.py holds both to the same resources.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from annuaire.core import published
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, OfferQuerySet, cost_label
from annuaire.directory.result_links import read_page
from annuaire.interop.models import RorMapping
from annuaire.taxonomy.lookups import categories_by_pk
from annuaire.taxonomy.models import Category, SubCategory


def ror_mappings() -> Mapping[int, RorMapping]:
    """The ROR mapping by sub-category id (shared, read-only)."""
    return published.remembered(
        "interop.ror_mappings", None, lambda: {m.subcategory_id: m for m in RorMapping.objects.all()}
    )


@dataclass(frozen=True)
class StructureRef:
    pk: int
    uuid: str
    name: str
    kind: str
    status: str
    finess_legal: str

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED


@dataclass(frozen=True)
class PlaceRef:
    pk: int
    uuid: str
    name: str
    commune_code: str
    commune_name: str
    region_code: str | None


@dataclass(frozen=True)
class ServiceRow:
    """One offer as its HealthcareService shows it."""

    uuid: str
    title: str
    status: str
    created_at: datetime
    updated_at: datetime
    structure: StructureRef
    category: Category
    subcategories: Sequence[SubCategory]  # in the taxonomy's order
    places: Sequence[PlaceRef]  # by id
    audiences: Sequence[str]
    age_groups: Sequence[str]
    care_settings: Sequence[str]
    phases: Sequence[str]
    access: Sequence[str]
    formats: Sequence[str]
    modalities: Sequence[str]
    parcours_global: bool
    cost: str
    cost_label: str
    cost_details: str
    description: str
    how_to_access: str
    contact_phone: str
    contact_email: str
    opening_hours: str
    schedule: str
    distance_km: float | None = None

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED and self.structure.is_published

    @classmethod
    def of(cls, offer: Offer) -> ServiceRow:
        """The row of an offer read with its relations (`with_result_relations`)."""
        structure = offer.structure
        return cls(
            **{name: getattr(offer, name) for name in _OWN_FIELDS},
            uuid=str(offer.uuid),
            structure=StructureRef(
                structure.pk,
                str(structure.uuid),
                structure.name,
                structure.kind,
                structure.status,
                structure.finess_legal,
            ),
            category=offer.category,
            subcategories=tuple(offer.subcategories.all()),
            places=tuple(
                PlaceRef(
                    place.pk,
                    str(place.uuid),
                    place.name,
                    place.commune.code,
                    place.commune.name,
                    place.commune.departement.region_id,
                )
                for place in offer.places.all()
            ),
            cost_label=offer.cost_label,
            distance_km=getattr(offer, "distance_km", None),
        )


# Offer columns copied as they are.
_OWN_FIELDS = (
    "title", "status", "created_at", "updated_at", "audiences", "age_groups", "care_settings", "phases", "access",
    "formats", "modalities", "parcours_global", "cost", "cost_details", "description", "how_to_access",
    "contact_phone", "contact_email", "opening_hours", "schedule",
)  # fmt: skip
_STRUCTURE_FIELDS = ("pk", "uuid", "name", "kind", "status", "finess_legal")
_PLACE_FIELDS = ("pk", "uuid", "name", "commune__code", "commune__name", "commune__departement__region_id")


def service_rows(offers: OfferQuerySet, distances: bool = False) -> list[ServiceRow]:
    """The rows of `offers` (already sliced, in order), in one query; `distances`: the
    queryset carries the `distance_km` annotation of a near search."""
    columns = ["uuid", "category_id", "cost_amount", *_OWN_FIELDS, *(f"structure__{n}" for n in _STRUCTURE_FIELDS)]
    page = read_page(offers, [*columns, "distance_km"] if distances else columns, _PLACE_FIELDS)
    categories = categories_by_pk(row["category_id"] for row in page.offers)
    return [
        _row(
            row,
            categories[row["category_id"]],
            page.subcategories[row["pk"]],
            [PlaceRef(place[0], str(place[1]), *place[2:]) for place in page.places[row["pk"]]],
        )
        for row in page.offers
    ]


def _row(row: dict[str, Any], category: Category, subs: list[SubCategory], places: list[PlaceRef]) -> ServiceRow:
    amount: Decimal | None = row["cost_amount"]
    return ServiceRow(
        **{name: row[name] for name in _OWN_FIELDS},
        uuid=str(row["uuid"]),
        structure=StructureRef(
            row["structure__pk"], str(row["structure__uuid"]), *(row[f"structure__{n}"] for n in _STRUCTURE_FIELDS[2:])
        ),
        category=category,
        subcategories=tuple(subs),
        places=tuple(places),
        cost_label=cost_label(row["cost"], amount),
        distance_km=row.get("distance_km"),
    )
