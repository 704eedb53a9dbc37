"""Query parameters shared by several endpoints, checked with French messages."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from annuaire.core.forms import ParametersForm, checked
from annuaire.directory.enums import StructureKind
from annuaire.directory.search_params import SearchParameters
from annuaire.geo.lookup import commune_by_insee_code, commune_by_postal_code, find_departement, with_position
from annuaire.geo.models import Commune, Departement

# Primary keys are 64-bit: anything larger cannot exist (and would overflow SQLite).
MAX_PK = 2**63 - 1

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
    try:
        return parsed.astimezone(UTC)
    except OverflowError:
        # Past the calendar once in UTC (year 1 or 9999 with an offset): the earliest or
        # latest instant there is, so "modified since" still means what it says.
        return (datetime.min if parsed.year == 1 else datetime.max).replace(tzinfo=UTC)


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
        code = (super().clean(value) or "").strip()
        return checked(find_departement, code) if code else None


class OfferSearchForm(SearchParameters):
    """`GET /api/v1/offres`: the search parameters of the web page, but where is a code.

    `commune` is an INSEE code only and `code_postal` a postal code (the convention of the
    national geography API); a postal code shared by several communes means the most
    populated one (docs/domain.md, "Où chercher").
    """

    commune = forms.CharField(required=False, max_length=10)
    code_postal = forms.CharField(required=False, max_length=10)
    modifie_depuis = ModifiedSinceField()

    def clean_commune(self) -> Commune | None:
        code = self.cleaned_data["commune"].strip()
        return checked(with_position, checked(commune_by_insee_code, code)) if code else None

    def clean_code_postal(self) -> Commune | None:
        code = self.cleaned_data["code_postal"].strip()
        if not code:
            return None
        answer = checked(commune_by_postal_code, code)
        assert answer.commune is not None
        return checked(with_position, answer.commune)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("commune") and cleaned.get("code_postal"):
            self.add_error("code_postal", "Indiquez soit « commune » (code INSEE), soit « code_postal », pas les deux.")
        return cleaned

    def searched_commune(self) -> Commune | None:
        return self.cleaned_data.get("commune") or self.cleaned_data.get("code_postal")


class RemovalFilterForm(ParametersForm):
    """`GET /api/v1/suppressions`."""

    modifie_depuis = ModifiedSinceField()


class StructureFilterForm(ParametersForm):
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


class PlaceFilterForm(ParametersForm):
    departement = DepartementField()
    structure = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PK,
        error_messages={"invalid": "Le numéro de structure doit être un nombre entier."},
    )
    modifie_depuis = ModifiedSinceField()


class CommuneQueryForm(ParametersForm):
    q = forms.CharField(
        min_length=2,
        max_length=100,
        error_messages={
            "required": "Indiquez au moins 2 caractères du nom de la commune ou de son code postal (paramètre q).",
            "min_length": "Indiquez au moins 2 caractères du nom de la commune ou de son code postal (paramètre q).",
            "max_length": "Le texte recherché est trop long (100 caractères au plus).",
        },
    )


def form_errors(form: forms.BaseForm) -> dict[str, list[str]]:
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}
