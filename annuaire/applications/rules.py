"""Rules on what an application contains, shared by the public form, the back office and the demo."""

from __future__ import annotations

import calendar
from datetime import date

from django.core.exceptions import ValidationError

from annuaire.directory.enums import StructureKind

SIREN_EXTRACT_MAX_MONTHS = 3


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last_day))


def validate_siren_extract_date(value: date, today: date) -> None:
    """Criterion 4: the SIREN extract is less than 3 months old (seed 003, Annexe 3)."""
    if value > today:
        raise ValidationError("La date de l'extrait SIREN ne peut pas être dans le futur.", code="future")
    if value < months_before(today, SIREN_EXTRACT_MAX_MONTHS):
        raise ValidationError(
            f"L'extrait SIREN doit dater de moins de {SIREN_EXTRACT_MAX_MONTHS} mois. "
            "Demandez un extrait récent (avis de situation INSEE ou extrait Kbis).",
            code="too_old",
        )


def finess_required(kind: str) -> bool:
    """Health establishments are identified by their FINESS as well as their SIRET."""
    return kind in StructureKind.health_establishments()
