"""The whole path in a real browser, from the public application to the published offer:
a structure applies, the DAC of its territory checks the 8 criteria and accepts it, the
referent sets a password from the invitation e-mail, signs in, enters a place and an
offer and submits it; the DAC approves it, the region publishes it, and patients find it."""

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.test_application import fill_the_form
from tests.browser.test_publication_path import signed_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NEW_PASSWORD = "Un-mot-de-passe-bien-long-2026"


def test_from_the_public_application_to_the_published_offer(live_server: Any, browser: Any) -> None:
    from annuaire.accounts.models import RoleKind
    from annuaire.applications.models import PilotTerritory
    from annuaire.directory.models import Offer, Structure
    from tests.accounts.factories import coordinator, regional_admin, with_totp
    from tests.applications.factories import outbox

    PilotTerritory.objects.create(departement_id="29")
    dac_user = with_totp(coordinator(RoleKind.COORDINATOR_DAC, departements="29"))
    region_user = with_totp(regional_admin("53"))

    # 1. The structure applies from the public form.
    applicant = browser.new_page(locale="fr-FR")
    applicant.goto(live_server.url + "/candidature/")
    fill_the_form(applicant)
    applicant.get_by_role("button", name="Envoyer la candidature").click()
    expect(applicant.get_by_role("heading", level=1)).to_contain_text("Candidature de Les Genêts")

    # 2. The DAC of Finistère marks the 8 criteria valid and accepts the application.
    dac = signed_in(browser, live_server, dac_user)
    dac.goto(live_server.url + "/espace/candidatures/")
    dac.get_by_role("link", name=re.compile("Les Genêts")).first.click()
    for criterion in dac.locator("fieldset.criterion").all():
        criterion.get_by_label("Valide", exact=True).check()
    dac.get_by_role("button", name="Enregistrer la grille").click()
    dac.get_by_role("button", name="Accepter la candidature").click()
    structure = Structure.objects.get(name="Les Genêts – soutien après cancer")

    # 3. The referent follows the link of the invitation e-mail and chooses a password.
    [invitation] = [e for e in outbox(to="loic@genets.example.org") if "/compte/invitation/" in e.body]
    link = re.search(r"https?://\S+/compte/invitation/\S+/", invitation.body)
    assert link is not None, invitation.body
    referent = browser.new_page(locale="fr-FR", viewport={"width": 1280, "height": 900})
    referent.goto(live_server.url + link.group(0)[link.group(0).index("/compte/") :])
    password_fields = referent.locator("input[type=password]")
    for index in range(password_fields.count()):
        password_fields.nth(index).fill(NEW_PASSWORD)
    referent.get_by_role("button", name="Créer mon mot de passe").click()
    if "/compte/login/" in referent.url:
        referent.get_by_label("Identifiant ou adresse e-mail").fill("loic@genets.example.org")
        referent.get_by_label("Mot de passe").fill(NEW_PASSWORD)
        referent.get_by_role("button", name="Se connecter").click()
    referent.goto(f"{live_server.url}/espace/structures/{structure.pk}/")

    # 4. The referent enters a place and an offer, and submits it.
    referent.get_by_role("link", name="Ajouter un lieu").click()
    referent.get_by_label("Nom du lieu :").fill("Maison des Genêts")
    referent.get_by_label("Code postal :").fill("29000")
    referent.get_by_label("Commune :").fill("Quimper")
    referent.get_by_role("button", name="Enregistrer le lieu").click()
    referent.get_by_role("link", name="Ajouter une offre").click()
    referent.get_by_label("Intitulé :").fill("Groupe de parole des Genêts")
    referent.get_by_label("Catégorie de soins :").select_option(label="Prise en charge psychologique")
    referent.get_by_label("Groupe de parole pour les patients").check()
    referent.get_by_label("Maison des Genêts – Quimper").check()
    referent.get_by_label("Personnes malades").check()
    referent.get_by_role("group", name="Plage 1").get_by_label("Jour").select_option("Th")
    referent.get_by_role("group", name="Plage 1").get_by_label("Ouverture").fill("18:00")
    referent.get_by_role("group", name="Plage 1").get_by_label("Fermeture").fill("20:00")
    referent.get_by_role("button", name="Enregistrer et soumettre à la validation").click()
    expect(referent.get_by_role("status")).to_contain_text("envoyée en validation territoriale")

    # 5. The DAC approves it, the region publishes it (and the structure with it).
    dac.goto(live_server.url + "/espace/a-valider/")
    dac.get_by_role("link", name="Groupe de parole des Genêts").click()
    dac.get_by_role("button", name="Valider (niveau territorial)").click()
    region = signed_in(browser, live_server, region_user)
    region.goto(live_server.url + "/espace/a-valider/")
    region.get_by_role("link", name="Groupe de parole des Genêts").click()
    region.get_by_role("button", name="Valider et publier (niveau régional)").click()
    expect(region.get_by_role("status")).to_contain_text("publiée")

    # 6. Patients find it.
    offer = Offer.objects.get(structure=structure)
    assert offer.is_published and offer.opening_hours == "Th 18:00-20:00"
    patient = browser.new_page(locale="fr-FR")
    patient.goto(live_server.url + offer.get_absolute_url())
    expect(patient.get_by_role("heading", level=1)).to_have_text("Groupe de parole des Genêts")
    patient.goto(live_server.url + structure.get_absolute_url())
    expect(patient.locator("main")).to_contain_text("Groupe de parole des Genêts")
