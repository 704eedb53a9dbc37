"""The offer form of the back office: every field of the public model, as a way in.

It parses what people type and asks `annuaire.directory.validation.check_offer` whether
the whole offer holds (sub-categories, PSNC rule, places, cost); it has no rule of its own.
Saving and status changes go through `annuaire.espace.editing.offer_saving`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms

from annuaire.directory.models import Offer
from annuaire.directory.validation import ReviewWarning, check_offer
from annuaire.espace.editing.reason import reason_field
from annuaire.taxonomy.models import Category, SubCategory

# Every field a structure fills (the workflow fields and the opening-hours text are set
# elsewhere: the publication module and the rows formset).
OFFER_FIELDS = [
    "title",
    "category",
    "subcategories",
    "description",
    "practitioner_qualification",
    "places",
    "audiences",
    "age_groups",
    "care_settings",
    "phases",
    "access",
    "formats",
    "modalities",
    "parcours_global",
    "cost",
    "cost_amount",
    "cost_details",
    "how_to_access",
    "appointment_delay_days",
    "schedule",
    "contact_phone",
    "contact_email",
]
LINK_FIELDS = ("subcategories", "places")


@dataclass(frozen=True)
class CareChoice:
    """One sub-category as the form shows it, with who may deliver it (seed 004)."""

    sub: SubCategory
    checked: bool
    professions: list[str]


class OfferForm(forms.ModelForm):  # type: ignore[type-arg]
    change_reason = reason_field()

    class Meta:
        model = Offer
        fields = OFFER_FIELDS
        widgets = {
            "subcategories": forms.CheckboxSelectMultiple,
            "places": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
            "how_to_access": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, opening_hours: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.opening_hours = opening_hours
        structure = self.instance.structure
        self.fields["category"].queryset = Category.objects.active()  # type: ignore[attr-defined]
        self.fields["subcategories"].queryset = (  # type: ignore[attr-defined]
            SubCategory.objects.active().select_related("category").prefetch_related("professions")
        )
        self.fields["places"].queryset = structure.places.select_related("commune")  # type: ignore[attr-defined]
        self.fields["places"].required = False  # the domain says what is missing
        self.fields["subcategories"].required = False
        self.warnings: list[ReviewWarning] = []

    def care_groups(self) -> list[tuple[Category, list[CareChoice]]]:
        """Sub-categories grouped by category, checked ones marked, for the template."""
        chosen = {str(v) for v in (self["subcategories"].value() or [])}
        groups: dict[int, tuple[Category, list[CareChoice]]] = {}
        for sub in self.fields["subcategories"].queryset:  # type: ignore[attr-defined]
            professions = [p.label for p in sub.professions.all()]
            group = groups.setdefault(sub.category_id, (sub.category, []))
            group[1].append(CareChoice(sub, str(sub.pk) in chosen, professions))
        return list(groups.values())

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        self.instance.opening_hours = self.opening_hours
        if any(name in self.errors for name in ("category", "cost", "cost_amount")):
            return
        check = check_offer(
            self.instance,
            subcategories=self.cleaned_data.get("subcategories") or [],
            places=self.cleaned_data.get("places") or [],
        )
        for name, messages in check.errors.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
        self.warnings = check.warnings

    def values(self) -> dict[str, Any]:
        """Field name → new value, links apart (for `publication.propose_changes`)."""
        values = {name: self.cleaned_data[name] for name in OFFER_FIELDS if name not in LINK_FIELDS}
        values["opening_hours"] = self.opening_hours
        return values
