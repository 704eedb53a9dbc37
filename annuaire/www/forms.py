"""The search form of the public pages: the shared parameters, and where as people type it."""

from __future__ import annotations

from django import forms

from annuaire.core.forms import checked
from annuaire.directory.search_params import SearchParameters
from annuaire.geo.lookup import resolve_place, with_position
from annuaire.geo.models import Commune


class SearchForm(SearchParameters):
    """`commune`: a postal code, a name or an autocomplete label (docs/domain.md, "Où chercher")."""

    commune = forms.CharField(label="Commune ou code postal", required=False, max_length=150)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.other_communes: list[Commune] = []  # sharing the postal code typed
        self.homonyms: list[Commune] = []  # sharing the name typed: the person chooses

    def clean_commune(self) -> Commune | None:
        value = self.cleaned_data["commune"].strip()
        if not value:
            return None
        answer = checked(resolve_place, value)
        if answer.homonyms:
            self.homonyms = answer.homonyms
            raise forms.ValidationError(
                f"Plusieurs communes s'appellent « {answer.homonyms[0].name} » : choisissez la vôtre.",
                code="ambiguous",
            )
        assert answer.commune is not None
        self.other_communes = answer.others
        return checked(with_position, answer.commune)

    def searched_commune(self) -> Commune | None:
        return self.cleaned_data.get("commune")
