"""A structure applies from the public form in a real browser, even without JavaScript,
and the form and the tracking page pass the WCAG 2.1 AA checks of axe-core."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from annuaire.applications.enums import ApplicationStatus
from annuaire.applications.models import Application, PilotTerritory
from annuaire.core.identifiers import siren_with_key, siret_with_key
from tests.applications.factories import pdf_bytes
from tests.browser.conftest import run_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FIELDS = {
    "Nom de la structure": "Les Genêts – soutien après cancer",
    "SIRET": siret_with_key(siren_with_key("81234567"), "0001"),
    "Adresse": "4 rue de Kerfeunteun",
    "Code postal": "29000",
    "Commune": "Quimper (29)",
    "Téléphone de la structure": "02 98 00 00 00",
    "E-mail de la structure": "contact@genets.example.org",
    "Nom du représentant légal": "Le Goff",
    "Prénom du représentant légal": "Annaïg",
    "Qualité du représentant légal": "Présidente",
    "Nom du référent": "Caradec",
    "Prénom du référent": "Loïc",
    "Fonction du référent": "Coordinateur",
    "Téléphone du référent": "06 00 00 00 00",
    "E-mail du référent": "loic@genets.example.org",
    "File active en oncologie (personnes par an)": "80",
    "Assureur (responsabilité civile professionnelle)": "MACSF",
    "Numéro du contrat d'assurance": "RCP-2026-1",
    "Nom et prénom du signataire": "Annaïg Le Goff",
    "Qualité du signataire": "Présidente",
}
DOCUMENTS = (
    "Extrait SIREN de moins de 3 mois (avis de situation INSEE ou Kbis)",
    "Projet de santé de la structure",
    "Procédure de recrutement des professionnels",
)


def fill_the_form(page: Any) -> None:
    for label, value in FIELDS.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Type de structure").select_option(label="Association")
    extract_date = timezone.localdate() - timedelta(days=15)
    page.get_by_label("Date de l'extrait SIREN").fill(extract_date.isoformat())
    for label in DOCUMENTS:
        file = {"name": "document.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
        page.get_by_label(label, exact=True).set_input_files(file)
    page.get_by_label("La structure a lu et accepte la charte d'engagement").check()
    page.get_by_label("La structure a lu et accepte les conditions générales d'utilisation").check()


def test_a_structure_applies_without_javascript_and_follows_its_application(
    live_server: Any, no_javascript: Any
) -> None:
    PilotTerritory.objects.create(departement_id="29")
    page = no_javascript
    page.goto(live_server.url + "/candidature/")

    fill_the_form(page)
    page.get_by_role("button", name="Envoyer la candidature").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Candidature de Les Genêts – soutien après cancer")
    expect(page.get_by_text("Déposée, en attente d'examen").first).to_be_visible()
    application = Application.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.documents.count() == 3


def test_the_application_pages_pass_the_accessibility_checks(live_server: Any, desktop: Any) -> None:
    PilotTerritory.objects.create(departement_id="29")
    desktop.goto(live_server.url + "/candidature/")
    assert run_axe(desktop) == []

    desktop.get_by_role("button", name="Envoyer la candidature").click()  # empty: the errors are listed
    expect(desktop.locator("#erreurs")).to_be_visible()
    assert run_axe(desktop) == []

    for path in ("/charte/", "/conditions-utilisation/"):
        desktop.goto(live_server.url + path)
        assert run_axe(desktop) == []
