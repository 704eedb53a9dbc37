"""The application form (public, or filled by a coordinator for a structure) and its completion."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone

from annuaire.applications import legal
from annuaire.applications.enums import DocumentKind, LegalTextKind
from annuaire.applications.forms.place import typed_commune
from annuaire.applications.models import Application
from annuaire.applications.models.territory import applications_are_open
from annuaire.applications.rules import finess_required, validate_siren_extract_date
from annuaire.applications.uploads import MAX_DOCUMENT_BYTES, CheckedPdf, check_pdf, megabytes
from annuaire.applications.workflow import Signature, closed_territory_message
from annuaire.core.identifiers import compact
from annuaire.geo.models import Commune

DOCUMENT_FIELDS = {
    "document_siren": DocumentKind.SIREN_EXTRACT,
    "document_health_project": DocumentKind.HEALTH_PROJECT,
    "document_recruitment": DocumentKind.RECRUITMENT,
}
_PDF_HELP = f"Document PDF, {megabytes(MAX_DOCUMENT_BYTES)} au maximum."
_PDF_WIDGET = {"accept": "application/pdf,.pdf"}

FIELDSETS = (
    (
        "La structure",
        (
            *("name", "kind", "siret", "finess", "address_line", "address_complement", "postal_code", "commune"),
            *("phone", "email", "website"),
        ),
    ),
    (
        "Le représentant légal",
        ("legal_representative_last_name", "legal_representative_first_name", "legal_representative_function"),
    ),
    (
        "La personne référente pour l'annuaire",
        ("referent_last_name", "referent_first_name", "referent_function", "referent_phone", "referent_email"),
    ),
    ("L'activité en cancérologie et l'assurance", ("oncology_active_file", "insurer", "insurance_policy")),
    (
        "Les documents",
        ("document_siren", "siren_extract_date", "document_health_project", "document_recruitment"),
    ),
    ("Les engagements", ("signatory_name", "signatory_function", "accept_charter", "accept_terms")),
)


class ApplicationForm(forms.ModelForm):
    commune = forms.CharField(
        label="Commune",
        max_length=150,
        help_text="Nom de la commune ou code postal, par exemple : Quimper ou 29000",
    )
    document_siren = forms.FileField(
        label="Extrait SIREN de moins de 3 mois (avis de situation INSEE ou Kbis)",
        help_text=_PDF_HELP,
        widget=forms.ClearableFileInput(attrs=_PDF_WIDGET),
    )
    document_health_project = forms.FileField(
        label="Projet de santé de la structure",
        help_text="Il présente la place de la cancérologie, la prise en charge coordonnée et les liens avec le "
        "médecin traitant. " + _PDF_HELP,
        widget=forms.ClearableFileInput(attrs=_PDF_WIDGET),
    )
    document_recruitment = forms.FileField(
        label="Procédure de recrutement des professionnels",
        help_text="Elle prévoit un entretien et un diplôme permettant d'exercer en cancérologie. " + _PDF_HELP,
        widget=forms.ClearableFileInput(attrs=_PDF_WIDGET),
    )
    siret = forms.CharField(label="SIRET", max_length=20, help_text="14 chiffres, espaces permis.")
    finess = forms.CharField(
        label="FINESS géographique",
        max_length=12,
        required=False,
        help_text="Obligatoire pour un établissement de santé (9 caractères).",
    )
    website = forms.URLField(label="Site internet", required=False, max_length=200, assume_scheme="https")
    signatory_name = forms.CharField(label="Nom et prénom du signataire", max_length=200)
    signatory_function = forms.CharField(label="Qualité du signataire", max_length=150)
    accept_charter = forms.BooleanField(
        label="La structure a lu et accepte la charte d'engagement",
        error_messages={"required": "Cochez cette case : la charte doit être acceptée pour candidater."},
    )
    accept_terms = forms.BooleanField(
        label="La structure a lu et accepte les conditions générales d'utilisation",
        error_messages={"required": "Cochez cette case : les conditions d'utilisation doivent être acceptées."},
    )

    class Meta:
        model = Application
        fields = [
            "name",
            "kind",
            "siret",
            "finess",
            "address_line",
            "address_complement",
            "postal_code",
            "phone",
            "email",
            "website",
            "legal_representative_last_name",
            "legal_representative_first_name",
            "legal_representative_function",
            "referent_last_name",
            "referent_first_name",
            "referent_function",
            "referent_phone",
            "referent_email",
            "oncology_active_file",
            "insurer",
            "insurance_policy",
            "siren_extract_date",
        ]
        widgets = {
            "siren_extract_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "phone": forms.TextInput(attrs={"type": "tel"}),
            "referent_phone": forms.TextInput(attrs={"type": "tel"}),
        }
        help_texts = {
            "oncology_active_file": "Nombre de personnes atteintes de cancer accompagnées sur les 12 derniers mois.",
            "referent_email": "C'est à cette adresse que la personne référente recevra son accès à l'annuaire.",
            "siren_extract_date": "La date écrite sur l'extrait. Il doit dater de moins de 3 mois.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = list(self.fields["kind"].choices)[1:]  # type: ignore[attr-defined]
        self.fields["kind"].choices = [("", "Choisissez le type de structure"), *kinds]  # type: ignore[attr-defined]
        self.fields["commune"].widget.attrs.update(
            {
                "autocomplete": "off",
                "list": "communes-suggestions",
                # Suggestions from the search page's endpoint (progressive: plain text input without JS).
                "hx-get": reverse("www:commune_suggestions"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#communes-suggestions",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        )
        self.fields["oncology_active_file"].widget.attrs["min"] = 0
        self.previous_commune_id = self.instance.commune_id if self.instance.pk else None
        if self.instance.pk and not self.is_bound:
            self.initial["commune"] = self.instance.commune.label
        self.checked_documents: dict[str, CheckedPdf] = {}
        self.charter = legal.current(LegalTextKind.CHARTER)
        self.terms = legal.current(LegalTextKind.TERMS)

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names if name in self.fields]) for title, names in FIELDSETS]

    def clean_commune(self) -> Commune:
        value = self.cleaned_data["commune"].strip()
        commune = typed_commune(value)
        if commune.pk != self.previous_commune_id and not applications_are_open(commune):
            raise forms.ValidationError(closed_territory_message())
        self.instance.commune = commune
        return commune

    def clean_siret(self) -> str:
        return compact(self.cleaned_data["siret"])

    def clean_finess(self) -> str:
        return compact(self.cleaned_data["finess"])

    def clean_siren_extract_date(self) -> Any:
        value = self.cleaned_data["siren_extract_date"]
        if value is not None:
            validate_siren_extract_date(value, timezone.localdate())
        return value

    def _clean_document(self, name: str) -> Any:
        upload = self.cleaned_data.get(name)
        if upload:
            self.checked_documents[DOCUMENT_FIELDS[name]] = check_pdf(upload)
        return upload

    def clean_document_siren(self) -> Any:
        return self._clean_document("document_siren")

    def clean_document_health_project(self) -> Any:
        return self._clean_document("document_health_project")

    def clean_document_recruitment(self) -> Any:
        return self._clean_document("document_recruitment")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if finess_required(cleaned.get("kind", "")) and not cleaned.get("finess"):
            self.add_error("finess", "Indiquez le numéro FINESS de l'établissement de santé.")
        commune, postal_code = cleaned.get("commune"), cleaned.get("postal_code", "").strip()
        if commune is not None and postal_code:
            known = set(commune.postal_codes.values_list("code", flat=True))
            if known and postal_code not in known:
                self.add_error("postal_code", f"Le code postal {postal_code} ne correspond pas à {commune.name}.")
        return cleaned

    def signature(self) -> Signature | None:
        if "signatory_name" not in self.fields:
            return None
        return Signature(self.cleaned_data["signatory_name"].strip(), self.cleaned_data["signatory_function"].strip())


class CompletionForm(ApplicationForm):
    """A returned application, completed by the applicant: new documents are optional (they replace
    the previous ones), and the texts are signed again only if a new version came out."""

    def __init__(self, *args: Any, sign_again: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in DOCUMENT_FIELDS:
            self.fields[name].required = False
            self.fields[name].help_text = "Facultatif : envoyez un nouveau fichier pour remplacer le précédent. " + (
                _PDF_HELP
            )
        if not sign_again:
            for name in ("signatory_name", "signatory_function", "accept_charter", "accept_terms"):
                del self.fields[name]
