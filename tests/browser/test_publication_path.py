"""The whole path to publication in a real browser: the referent enters a place and an
offer and submits it, the DAC of the territory approves it, the region publishes it, and
patients find it. Each person in their own browser, signed in through the real forms."""

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER_TIMEOUT_MS, PageProblems, run_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def signed_in(browser: Any, live_server: Any, user: Any, **options: Any) -> Any:
    """A new browser where `user` signs in through the real forms: password, then the TOTP
    code for coordinators and administrators."""
    from tests.accounts.factories import PASSWORD, totp_code

    context = browser.new_context(locale="fr-FR", **({"viewport": {"width": 1280, "height": 900}} | options))
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    page = context.new_page()
    page.goto(live_server.url + "/espace/")
    page.get_by_label("Identifiant ou adresse e-mail").fill(user.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    # The click does not wait for the next page: wait for it before reading the URL.
    page.wait_for_url(re.compile(r"/(espace|compte/2fa/authenticate)/$"))
    for _attempt in range(2):  # a code read just before its 30 s step ends is refused: the next one is not
        if "/2fa/authenticate/" not in page.url:
            break
        page.locator("input[name=code]").fill(totp_code(user))
        with page.expect_navigation():  # the form always answers with a new page, refused or not
            page.locator("button[type=submit]").first.click()
    expect(page).to_have_url(live_server.url + "/espace/")
    return page


@pytest.fixture
def people(db: None) -> dict[str, Any]:
    from annuaire.accounts.models import RoleKind
    from annuaire.directory.enums import PublicationStatus
    from tests.accounts.factories import coordinator, referent, regional_admin, with_totp
    from tests.directory.factories import StructureFactory
    from tests.geo.factories import QUIMPER, commune

    structure = StructureFactory(
        name="Association Cornouaille Entraide", commune=commune(QUIMPER), status=PublicationStatus.DRAFT
    )
    return {
        "structure": structure,
        "referent": referent(structure),
        "dac": with_totp(coordinator(RoleKind.COORDINATOR_DAC, departements="29")),
        "region": with_totp(regional_admin("53")),
    }


def test_an_offer_goes_from_the_referents_form_to_the_public_directory(
    live_server: Any, browser: Any, people: dict[str, Any]
) -> None:
    from annuaire.directory.models import Offer

    structure = people["structure"]
    referent = signed_in(browser, live_server, people["referent"])
    problems = PageProblems().watch(referent)

    # The referent adds a place, then an offer, and submits it.
    referent.goto(live_server.url + "/espace/")
    referent.get_by_role("link", name="Structures et offres").click()
    referent.get_by_role("link", name=structure.name).click()
    referent.get_by_role("link", name="Ajouter un lieu").click()
    referent.get_by_label("Nom du lieu :").fill("Maison des associations")
    referent.get_by_label("Adresse :", exact=True).fill("53 impasse de l'Odet")
    referent.get_by_label("Code postal :").fill("29000")
    referent.get_by_label("Commune :").fill("Quimper")
    referent.get_by_role("button", name="Enregistrer le lieu").click()
    expect(referent.get_by_role("status")).to_contain_text("Maison des associations")

    referent.get_by_role("link", name="Ajouter une offre").click()
    assert run_axe(referent) == []
    referent.get_by_label("Intitulé :").fill("Soutien psychologique en groupe")
    referent.get_by_label("Catégorie de soins :").select_option(label="Prise en charge psychologique")
    referent.get_by_label("Consultation avec un psychologue").check()
    referent.get_by_label("Maison des associations – Quimper").check()
    referent.get_by_label("Personnes malades").check()
    referent.get_by_role("group", name="Plage 1").get_by_label("Jour").select_option("Tu")
    referent.get_by_role("group", name="Plage 1").get_by_label("Ouverture").fill("14:00")
    referent.get_by_role("group", name="Plage 1").get_by_label("Fermeture").fill("17:30")
    referent.get_by_role("button", name="Enregistrer et soumettre à la validation").click()
    expect(referent.get_by_role("status")).to_contain_text("envoyée en validation territoriale")
    offer = Offer.objects.get(structure=structure)
    assert offer.opening_hours == "Tu 14:00-17:30"
    expect(referent.get_by_role("row", name="Soutien psychologique en groupe")).to_contain_text(
        "En validation territoriale"
    )

    # The DAC of Finistère approves it from the review queue.
    dac = signed_in(browser, live_server, people["dac"])
    dac.goto(live_server.url + "/espace/a-valider/")
    dac.get_by_role("link", name="Soutien psychologique en groupe").click()
    dac.get_by_role("button", name="Valider (niveau territorial)").click()
    expect(dac.get_by_role("status")).to_contain_text("validée au niveau territorial")

    # The region publishes it.
    region = signed_in(browser, live_server, people["region"])
    region.goto(live_server.url + "/espace/a-valider/")
    region.get_by_role("link", name="Soutien psychologique en groupe").click()
    region.get_by_role("button", name="Valider et publier (niveau régional)").click()
    expect(region.get_by_role("status")).to_contain_text("publiée")

    # Patients find it, with its opening hours; the referent sees it published.
    offer.refresh_from_db()
    patient = browser.new_page(locale="fr-FR")
    patient.goto(live_server.url + offer.get_absolute_url())
    expect(patient.get_by_role("heading", level=1)).to_have_text("Soutien psychologique en groupe")
    expect(patient.locator("main")).to_contain_text("Association Cornouaille Entraide")
    referent.reload()
    expect(referent.get_by_role("row", name="Soutien psychologique en groupe")).to_contain_text("Publiée")
    assert problems.unexpected() == []


def test_a_referent_on_a_320_px_phone_without_javascript_enters_an_offer(
    live_server: Any, browser: Any, people: dict[str, Any]
) -> None:
    from annuaire.directory.models import Offer
    from tests.directory.factories import PlaceFactory

    structure = people["structure"]
    PlaceFactory(structure=structure, name="Local de l'association")
    page = signed_in(
        browser, live_server, people["referent"], viewport={"width": 320, "height": 640}, java_script_enabled=False
    )
    page.goto(f"{live_server.url}/espace/structures/{structure.pk}/offres/nouvelle/")
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    wide = page.evaluate(
        "Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > 321)"
        ".slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id)"
    )
    assert widths[0] <= widths[1], f"horizontal scroll: {widths} {wide}"
    page.get_by_label("Intitulé :").fill("Atelier de sophrologie")
    page.get_by_label("Catégorie de soins :").select_option(label="Prise en charge psychologique")
    page.get_by_label("Groupe de parole pour les patients").check()
    page.get_by_label("Local de l'association – Quimper").check()
    page.get_by_role("group", name="Plage 1").get_by_label("Jour").select_option("Fr")
    page.get_by_role("group", name="Plage 1").get_by_label("Ouverture").fill("10:00")
    page.get_by_role("group", name="Plage 1").get_by_label("Fermeture").fill("09:00")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("alert")).to_contain_text("l'heure de fermeture (09:00) doit être après")
    assert not Offer.objects.filter(structure=structure).exists()
    page.get_by_role("group", name="Plage 1").get_by_label("Fermeture").fill("12:00")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("status")).to_contain_text("enregistrée en brouillon")
    assert Offer.objects.get(structure=structure).opening_hours == "Fr 10:00-12:00"
