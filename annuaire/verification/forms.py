"""The public form "Signaler une erreur" (French messages; a honeypot catches robots)."""

from __future__ import annotations

from typing import Any

from django import forms

from annuaire.directory.models import Notice, Offer, Structure

HONEYPOT = "site_web"


class ErrorReportForm(forms.Form):
    quoi = forms.CharField(
        label="Qu'est-ce qui est inexact ?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Par exemple : le numéro ne répond plus, l'adresse a changé, l'activité s'est arrêtée.",
        error_messages={
            "required": "Dites-nous ce qui est inexact.",
            "max_length": "Votre message est trop long (2000 caractères au plus).",
        },
    )
    contact = forms.CharField(
        label="Votre e-mail ou téléphone (facultatif)",
        max_length=200,
        required=False,
        help_text="Seulement si vous acceptez qu'on vous recontacte.",
        error_messages={"max_length": "Ce contact est trop long (200 caractères au plus)."},
    )
    # Hidden from people (CSS and aria-hidden); robots fill every field.
    site_web = forms.CharField(label="Ne pas remplir ce champ", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get(HONEYPOT):
            raise forms.ValidationError("Votre message n'a pas pu être envoyé.", code="honeypot")
        return data


class NoticeForm(forms.ModelForm):  # type: ignore[type-arg]
    """A temporary closure or notice, on one offer or the whole structure (back office)."""

    class Meta:
        model = Notice
        fields = ["offer", "kind", "message", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "starts_on": {"required": "Indiquez la date de début.", "invalid": "Date de début invalide."},
            "ends_on": {"required": "Indiquez la date de fin.", "invalid": "Date de fin invalide."},
            "kind": {"required": "Choisissez le type d'avis."},
        }

    def __init__(self, *args: Any, structure: Structure, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.structure = structure
        offer_field: Any = self.fields["offer"]
        offer_field.queryset = Offer.objects.originals().filter(structure=structure).order_by("title")
        offer_field.empty_label = "Toute la structure"
        offer_field.required = False
