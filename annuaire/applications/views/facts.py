"""What an application says for each criterion of the grid, shown beside it to the coordinator."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from annuaire.applications.enums import DocumentKind, LegalTextKind
from annuaire.applications.models import Acceptance, Application, ApplicationDocument
from annuaire.applications.rules import SIREN_EXTRACT_MAX_MONTHS, months_before


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    url: str = ""
    warning: str = ""


def _document(documents: dict[str, ApplicationDocument], kind: str, application: Application) -> Fact:
    document = documents.get(kind)
    if document is None:
        return Fact(DocumentKind(kind).label, "", warning="Document manquant.")
    url = reverse("candidatures:document", kwargs={"pk": application.pk, "document_pk": document.pk})
    size_kb = max(1, document.size // 1024)
    return Fact(DocumentKind(kind).label, f"PDF, {size_kb} Ko, envoyé le {document.uploaded_at:%d/%m/%Y}", url)


def _acceptance(acceptances: list[Acceptance], kind: str) -> Fact:
    latest = next((a for a in acceptances if a.kind == kind), None)
    label = LegalTextKind(kind).label
    if latest is None:
        return Fact(label, "", warning="Pas d'acceptation enregistrée.")
    when = timezone.localtime(latest.accepted_at)
    return Fact(
        label,
        f"Version {latest.version}, acceptée le {when:%d/%m/%Y à %H:%M} par {latest.signatory_name} "
        f"({latest.signatory_function})",
    )


def criterion_facts(
    application: Application, documents: dict[str, ApplicationDocument], acceptances: list[Acceptance]
) -> dict[str, list[Fact]]:
    a = application
    today = timezone.localdate()
    extract_warning = ""
    if a.siren_extract_date < months_before(today, SIREN_EXTRACT_MAX_MONTHS):
        extract_warning = f"L'extrait a plus de {SIREN_EXTRACT_MAX_MONTHS} mois aujourd'hui."
    identifiers = f"SIRET {a.siret}" + (f", FINESS {a.finess}" if a.finess else "")
    return {
        "coordonnees": [
            Fact("Structure", f"{a.name} ({a.get_kind_display()}), {identifiers}"),
            Fact(
                "Adresse",
                ", ".join(p for p in (a.address_line, a.address_complement) if p) + f", {a.postal_code} "
                f"{a.commune.name}",
            ),
            Fact("Contact", " · ".join(p for p in (a.phone, a.email, a.website) if p)),
            Fact("Représentant légal", f"{a.legal_representative_full_name} ({a.legal_representative_function})"),
        ],
        "referent": [
            Fact("Personne référente", f"{a.referent_full_name} ({a.referent_function})"),
            Fact("Coordonnées", f"{a.referent_phone} · {a.referent_email}"),
        ],
        "file-active": [
            Fact("File active", f"{a.oncology_active_file} personnes atteintes de cancer par an"),
            Fact("Assurance professionnelle", f"{a.insurer}, contrat n° {a.insurance_policy}"),
        ],
        "statuts": [
            Fact("Date de l'extrait", f"{a.siren_extract_date:%d/%m/%Y}", warning=extract_warning),
            _document(documents, DocumentKind.SIREN_EXTRACT, a),
        ],
        "projet-sante": [_document(documents, DocumentKind.HEALTH_PROJECT, a)],
        "recrutement": [_document(documents, DocumentKind.RECRUITMENT, a)],
        "charte": [_acceptance(acceptances, LegalTextKind.CHARTER)],
        "cgu": [_acceptance(acceptances, LegalTextKind.TERMS)],
    }
