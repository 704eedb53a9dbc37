"""The public form "Signaler une erreur" (French messages; a honeypot catches robots)."""

from __future__ import annotations

from typing import Any

from django import forms

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
