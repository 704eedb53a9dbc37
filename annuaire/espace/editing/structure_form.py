"""What a structure edits about itself in the back office (docs/adr/0025).

Its public presentation, contacts and address in its commune, its referent's details and
its active file. Not here: its name, kind, identifiers (SIRET, FINESS), "recognised
association" and commune: they decide the PSNC rule and who vets the structure, so they
change through the network (application, administration), never by the structure alone."""

from __future__ import annotations

from django import forms

from annuaire.directory.models import Structure
from annuaire.espace.editing.reason import reason_field

STRUCTURE_FIELDS = [
    "description",
    "address_line",
    "address_complement",
    "postal_code",
    "phone",
    "email",
    "website",
    "secure_messaging",
    "referent_last_name",
    "referent_first_name",
    "referent_function",
    "referent_phone",
    "referent_email",
    "oncology_active_file",
]
PUBLIC_FIELDS = STRUCTURE_FIELDS[:8]


class StructureForm(forms.ModelForm):  # type: ignore[type-arg]
    website = forms.URLField(label="Site internet", required=False, max_length=200, assume_scheme="https")
    change_reason = reason_field()

    class Meta:
        model = Structure
        fields = STRUCTURE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
