"""The place form: a site of the structure, its address and accessibility."""

from __future__ import annotations

from typing import Any

from django import forms

from annuaire.core.text import normalize
from annuaire.directory.models import Place
from annuaire.espace.editing.reason import reason_field
from annuaire.geo.models import Commune


def find_commune(name: str, postal_code: str) -> Commune:
    """The commune called `name` (exactly, else the only one starting so), within
    `postal_code` when given; a French `ValidationError` otherwise."""
    matches = Commune.objects.lookup(name)
    if postal_code:
        matches = matches.filter(postal_codes__code=postal_code)
    candidates = list(matches[:20])
    exact = [c for c in candidates if c.search_name == normalize(name)]
    if len(exact) == 1 or (not exact and len(candidates) == 1):
        return (exact or candidates)[0]
    if not candidates:
        where = f" avec le code postal {postal_code}" if postal_code else ""
        raise forms.ValidationError(f"Aucune commune « {name} »{where} : vérifiez l'orthographe et le code postal.")
    raise forms.ValidationError(
        "Plusieurs communes correspondent : indiquez le code postal ("
        + ", ".join(c.label for c in (exact or candidates)[:5])
        + ")."
    )


class PlaceForm(forms.ModelForm):  # type: ignore[type-arg]
    commune_name = forms.CharField(label="Commune", max_length=150, help_text="Ex. « Quimper ».")
    change_reason = reason_field()

    class Meta:
        model = Place
        fields = [
            "name",
            "address_line",
            "address_complement",
            "postal_code",
            "commune_name",
            "phone",
            "wheelchair_accessible",
            "access_notes",
        ]
        widgets = {
            "wheelchair_accessible": forms.NullBooleanSelect,
            "access_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.commune_id and not self.is_bound:
            self.initial["commune_name"] = self.instance.commune.name
        self.fields["postal_code"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name = data.get("commune_name")
        if name:
            try:
                commune = find_commune(name, data.get("postal_code") or "")
            except forms.ValidationError as error:
                self.add_error("commune_name", error)
            else:
                if commune.pk != self.instance.commune_id:  # placed again at the new commune
                    self.instance.lat = self.instance.lng = None
                self.instance.commune = commune
        return data
