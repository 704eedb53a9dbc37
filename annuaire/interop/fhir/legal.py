"""Legal entities (FINESS EJ): each is its own `Organization`, and the sites carrying its
number point to it with `partOf` (ROR: EJ ← EG). We store only the number on the
structures, so an entity is the aggregate of the published structures that carry it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Max, Min, QuerySet

from annuaire.directory.models import Structure

ID_PREFIX = "ej-"
_ID = re.compile(r"ej-(\d{9})")


@dataclass(frozen=True)
class LegalEntity:
    finess: str
    name: str
    created_at: datetime
    updated_at: datetime

    @property
    def id(self) -> str:
        return resource_id(self.finess)


def resource_id(finess: str) -> str:
    return f"{ID_PREFIX}{finess}"


def finess_of(resource_id: str) -> str | None:
    """ "ej-290000017" → "290000017"; None for anything else."""
    match = _ID.fullmatch(resource_id)
    return match.group(1) if match else None


def legal_entities(structures: QuerySet[Structure]) -> QuerySet[Any]:
    """One row per FINESS EJ among `structures`, as dicts: the name of one of its structures
    (alphabetically first: the EJ's raison sociale is not stored), its first creation and last change."""
    return (
        structures.exclude(finess_legal="")
        .order_by()
        .values("finess_legal")
        .annotate(first_name=Min("name"), created=Min("created_at"), updated=Max("updated_at"))
        .order_by("finess_legal")
    )


def from_row(row: dict[str, Any]) -> LegalEntity:
    return LegalEntity(
        finess=str(row["finess_legal"]),
        name=str(row["first_name"]),
        created_at=row["created"],
        updated_at=row["updated"],
    )


def published_legal_entity(finess: str) -> LegalEntity | None:
    row = legal_entities(Structure.objects.published().filter(finess_legal=finess)).first()
    return from_row(row) if row else None
