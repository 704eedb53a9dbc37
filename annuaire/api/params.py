"""Query parameters shared by several endpoints, checked with French messages."""

from __future__ import annotations

from datetime import UTC, datetime, time

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from annuaire.directory.enums import StructureKind
from annuaire.geo.models import Departement

MODIFIED_SINCE_ERROR = (
    "Date invalide : indiquez une date ou une date-heure ISO 8601, par exemple 2025-01-31 ou 2025-01-31T08:30:00+01:00."
)


def parse_modified_since(raw: str) -> datetime:
    """An aware datetime from an ISO date or datetime; raises ValueError when unreadable."""
    value = raw.strip()
    if "T" in value and " " in value:
        # "+01:00" arrives as " 01:00" when the client did not encode the "+".
        value = value.replace(" ", "+")
    parsed = parse_datetime(value)
    if parsed is None:
        day = parse_date(value)
        if day is None:
            raise ValueError(value)
        parsed = datetime.combine(day, time.min)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    # The database stores UTC: a date that cannot be expressed in UTC is unusable.
    return parsed.astimezone(UTC)


class ModifiedSinceField(forms.CharField):
    """`modifie_depuis`: only what was modified at or after this date (incremental sync)."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def clean(self, value: object) -> datetime | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_modified_since(text)
        except (ValueError, OverflowError):
            raise forms.ValidationError(MODIFIED_SINCE_ERROR, code="invalid") from None


class DepartementField(forms.CharField):
    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 3)
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def clean(self, value: object) -> Departement | None:  # type: ignore[override]
        code = (super().clean(value) or "").strip().upper()
        if not code:
            return None
        departement = Departement.objects.filter(code=code).first()
        if departement is None:
            raise forms.ValidationError(f"Département inconnu : « {code} ».", code="unknown")
        return departement


class OfferExtraForm(forms.Form):
    """API-only parameters of `GET /api/v1/offres`, on top of `SearchForm`."""

    modifie_depuis = ModifiedSinceField()


class RemovalFilterForm(forms.Form):
    """`GET /api/v1/suppressions`."""

    modifie_depuis = ModifiedSinceField()


class StructureFilterForm(forms.Form):
    departement = DepartementField()
    type = forms.CharField(required=False, max_length=40)
    modifie_depuis = ModifiedSinceField()

    def clean_type(self) -> str:
        code = self.cleaned_data["type"].strip()
        if code and code not in StructureKind.values:
            allowed = ", ".join(StructureKind.values)
            raise forms.ValidationError(
                f"Type de structure inconnu : « {code} ». Valeurs possibles : {allowed}.", code="unknown"
            )
        return code


class PlaceFilterForm(forms.Form):
    departement = DepartementField()
    structure = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        error_messages={"invalid": "Le numéro de structure doit être un nombre entier."},
    )
    modifie_depuis = ModifiedSinceField()


class CommuneQueryForm(forms.Form):
    q = forms.CharField(
        min_length=2,
        max_length=100,
        error_messages={
            "required": "Indiquez au moins 2 caractères du nom de la commune ou de son code postal (paramètre q).",
            "min_length": "Indiquez au moins 2 caractères du nom de la commune ou de son code postal (paramètre q).",
            "max_length": "Le texte recherché est trop long (100 caractères au plus).",
        },
    )


def form_errors(form: forms.Form) -> dict[str, list[str]]:
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}
