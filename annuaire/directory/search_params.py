"""The search parameters the web page and the JSON API share (same names, same meaning).

A base form: each field is parsed by a domain function (annuaire/directory/search.py,
annuaire/geo/lookup.py). Each way in adds how it says where: the web form takes what
people type (annuaire/www/forms.py), the API an INSEE code or a postal code
(annuaire/api/params.py). Both end with `make_criteria`.
"""

from __future__ import annotations

from typing import Any

from django import forms

from annuaire.core.forms import CodeListField, ParametersForm, StrictBooleanField, checked
from annuaire.directory.enums import Access, AgeGroup, Audience, CareSetting, Phase
from annuaire.directory.search import (
    CHOICE_FILTERS,
    CHOICE_LABELS,
    SearchCriteria,
    check_subcategories_in,
    find_category,
    find_subcategories,
    make_criteria,
    parse_radius,
)
from annuaire.geo.lookup import find_departement
from annuaire.geo.models import Commune, Departement
from annuaire.taxonomy.lookups import active_categories
from annuaire.taxonomy.models import Category, SubCategory


class SearchParameters(ParametersForm):
    q = forms.CharField(label="Mots-clés", required=False, max_length=200)
    categorie = forms.CharField(label="Type de soin", required=False)
    sous_categorie = CodeListField(label="Soins précis", required=False)
    parcours = StrictBooleanField(label="Parcours de soins global après le traitement d'un cancer", required=False)
    departement = forms.CharField(label="Département", required=False)
    rayon = forms.CharField(label="Distance maximale", required=False)
    public = CodeListField(label=CHOICE_LABELS["public"], required=False, vocabulary=Audience)
    age = CodeListField(label=CHOICE_LABELS["age"], required=False, vocabulary=AgeGroup)
    lieu = CodeListField(label=CHOICE_LABELS["lieu"], required=False, vocabulary=CareSetting)
    phase = CodeListField(label=CHOICE_LABELS["phase"], required=False, vocabulary=Phase)
    acces = CodeListField(label=CHOICE_LABELS["acces"], required=False, vocabulary=Access)
    gratuit = StrictBooleanField(label="Uniquement sans frais pour la personne", required=False)
    ouvert = StrictBooleanField(label="Sans les offres fermées aujourd'hui (congés, fermeture)", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._categories = active_categories()

    @property
    def categories(self) -> list[Category]:
        """The active categories (remembered in the process: the page lists them too)."""
        return list(self._categories.values())

    def clean_categorie(self) -> Category | None:
        return checked(find_category, self.cleaned_data["categorie"], self._categories)

    def clean_sous_categorie(self) -> list[SubCategory]:
        return checked(find_subcategories, self.cleaned_data["sous_categorie"])

    def clean_departement(self) -> Departement | None:
        code = self.cleaned_data["departement"].strip()
        return checked(find_departement, code) if code else None

    def clean_rayon(self) -> float | None:
        return checked(parse_radius, self.cleaned_data["rayon"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            checked(check_subcategories_in, cleaned.get("categorie"), cleaned.get("sous_categorie") or [])
        except forms.ValidationError as error:
            self.add_error("sous_categorie", error)
        return cleaned

    def searched_commune(self) -> Commune | None:
        """The commune to search around; each way in says how it reads it."""
        return None

    def criteria(self) -> SearchCriteria:
        """The validated criteria; call after `is_valid()`."""
        data = self.cleaned_data
        return make_criteria(
            commune=self.searched_commune(),
            radius_km=data.get("rayon"),
            category=data.get("categorie"),
            subcategories=tuple(data.get("sous_categorie") or ()),
            departement=data.get("departement"),
            choices={name: tuple(data[name]) for name in CHOICE_FILTERS if data.get(name)},
            parcours_global=bool(data.get("parcours")),
            free_only=bool(data.get("gratuit")),
            open_today=bool(data.get("ouvert")),
            text=data.get("q") or "",
        )

    def error_messages(self) -> dict[str, list[str]]:
        return {name: [str(message) for message in messages] for name, messages in self.errors.items()}
