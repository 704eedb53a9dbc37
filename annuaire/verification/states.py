"""Where each structure stands in its yearly cycle, for the coordinators' dashboard."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet

from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Structure
from annuaire.verification.confirmation import last_confirmed, last_confirmed_expression
from annuaire.verification.schedule import Freshness, due_date, freshness


@dataclass
class Row:
    structure: Structure
    state: str
    last_confirmed: date
    due: date


@dataclass
class Overview:
    rows: list[Row] = field(default_factory=list)
    by_departement: dict[str, Counter[str]] = field(default_factory=dict)

    @property
    def totals(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for counter in self.by_departement.values():
            total.update(counter)
        return total


def overview(structures: QuerySet[Structure], today: date) -> Overview:
    """Published and delisted structures among `structures`, each with its state (3 queries at most)."""
    result = Overview()
    listed = (
        structures.filter(status__in=[PublicationStatus.PUBLISHED, PublicationStatus.DELISTED])
        .annotate(last_confirmed=last_confirmed_expression())
        .select_related("commune__departement")
        .order_by("commune__departement_id", "name", "pk")
    )
    for structure in listed:
        confirmed = last_confirmed(structure)
        state = (
            str(Freshness.DELISTED) if structure.status == PublicationStatus.DELISTED else freshness(confirmed, today)
        )
        result.rows.append(Row(structure, state, confirmed, due_date(confirmed)))
        label = f"{structure.commune.departement_id} – {structure.commune.departement.name}"
        result.by_departement.setdefault(label, Counter())[state] += 1
    return result
