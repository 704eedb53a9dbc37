"""Parameters of the coverage screens (public page and back office): kind of care and distance."""

from __future__ import annotations

from typing import Any

from django import forms

from annuaire.core.errors import InvalidValue
from annuaire.directory.search import parse_radius
from annuaire.insight.coverage import DEFAULT_KM
from annuaire.taxonomy.models import Category, SubCategory

KM_CHOICES = [10, 20, 30, 50]
MAX_KM = 200


class CoverageForm(forms.Form):
    categorie = forms.CharField(label="Type de soin", required=False, max_length=60)
    sous_categorie = forms.CharField(label="Soin précis (facultatif)", required=False, max_length=80)
    km = forms.CharField(label="Distance", required=False, max_length=10)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.categories = list(Category.objects.active())

    def clean_categorie(self) -> Category | None:
        code = self.cleaned_data["categorie"].strip()
        if not code:
            return self.categories[0] if self.categories else None
        found = next((c for c in self.categories if c.code == code), None)
        if found is None:
            raise forms.ValidationError(f"Type de soin inconnu : « {code[:60]} ».", code="unknown")
        return found

    def clean_sous_categorie(self) -> SubCategory | None:
        code = self.cleaned_data["sous_categorie"].strip()
        if not code:
            return None
        found = SubCategory.objects.active().select_related("category").filter(code=code).first()
        if found is None:
            raise forms.ValidationError(f"Soin inconnu : « {code[:80]} ».", code="unknown")
        return found

    def clean_km(self) -> float:
        try:
            km = parse_radius(self.cleaned_data["km"])  # the search's definition of a distance
        except InvalidValue as error:
            if error.code != "out_of_range":
                raise forms.ValidationError(error.message, code=error.code) from None
            km = float("inf")
        if km is None:
            return DEFAULT_KM
        if not 1 <= km <= MAX_KM:
            raise forms.ValidationError(f"La distance doit être comprise entre 1 et {MAX_KM} km.", code="out_of_range")
        return km

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        subcategory = cleaned.get("sous_categorie")
        if subcategory is not None:
            cleaned["categorie"] = subcategory.category
        return cleaned

    def error_list(self) -> list[str]:
        return [str(message) for messages in self.errors.values() for message in messages]
