"""Opening applications on a pilot territory: a département or a commune of one's region."""

from __future__ import annotations

from typing import Any

from django import forms

from annuaire.applications.forms.place import typed_commune
from annuaire.geo.models import Commune, Departement


class OpenTerritoryForm(forms.Form):
    departement = forms.ModelChoiceField(
        label="Un département entier",
        queryset=Departement.objects.none(),
        required=False,
        empty_label="Choisissez un département",
        error_messages={"invalid_choice": "Ce département n'est pas dans votre région."},
    )
    commune = forms.CharField(
        label="Ou une commune",
        required=False,
        max_length=150,
        help_text="Nom de la commune ou code postal, par exemple : Quimper ou 29000",
    )

    def __init__(self, *args: Any, regions: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.regions = regions
        self.fields["departement"].queryset = Departement.objects.filter(region_id__in=regions).order_by("code")  # type: ignore[attr-defined]

    def clean_commune(self) -> Commune | None:
        value = self.cleaned_data["commune"].strip()
        if not value:
            return None
        commune = typed_commune(value)
        if commune.departement.region_id not in self.regions:
            raise forms.ValidationError(f"{commune.name} n'est pas dans votre région.")
        return commune

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("departement")) == bool(cleaned.get("commune")) and not self.errors:
            raise forms.ValidationError("Choisissez soit un département, soit une commune.")
        return cleaned
