"""A professional prepares an orientation sheet for a patient and prints it."""

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_patient_receives_a_printed_sheet_of_the_two_offers_ticked(live_server, desktop, directory) -> None:
    page = desktop
    problems = PageProblems().watch(page)
    page.goto(f"{live_server.url}/?{urlencode({'categorie': 'psychologie', 'commune': 'Quimper (29)'})}")
    expect(page.locator("#resultats-titre")).to_contain_text("3 offres trouvées")
    chosen = [directory["quimper_psy"], directory["briec_psy"]]
    for offer in chosen:
        card = page.locator("article.result", has=page.get_by_role("heading", name=offer.title))
        card.get_by_label("Ajouter à la fiche d'orientation").check()

    # Printing the results page itself leaves the search form, the map and the checkboxes out.
    screen_only = [
        page.locator("#formulaire-recherche"),
        page.locator("#panneau-carte"),
        page.get_by_label("Ajouter à la fiche d'orientation").first,
        page.get_by_role("navigation", name="Menu principal"),
    ]
    for element in screen_only:
        expect(element).to_be_visible()
    page.emulate_media(media="print")
    for element in screen_only:
        expect(element).to_be_hidden()
    expect(page.locator("article.result").first).to_be_visible()
    page.emulate_media(media="screen")

    with page.expect_navigation():
        page.get_by_role("button", name="Imprimer une fiche pour le patient").click()
    assert urlsplit(page.url).path == "/fiche-orientation/"
    assert parse_qs(urlsplit(page.url).query)["offre"] == [str(offer.pk) for offer in chosen]
    expect(page.get_by_role("heading", level=1)).to_have_text("Fiche d'orientation : soins de support")
    sheet = page.locator(".sheet-offers > li")
    expect(sheet).to_have_count(2)
    expect(sheet.locator("h2")).to_have_text([offer.title for offer in chosen])
    expect(sheet.first).to_contain_text("Il reste 25 € à payer par vous.")
    expect(sheet.first.locator('a[href="tel:0298526060"]')).to_be_visible()

    screen_only = [
        page.get_by_role("navigation", name="Menu principal"),
        page.get_by_role("button", name="Imprimer cette fiche"),
        page.get_by_role("link", name="Revenir à la recherche"),
        page.get_by_role("link", name=f"Retirer « {chosen[0].title} » de la fiche"),
    ]
    for element in screen_only:
        expect(element).to_be_visible()
    page.emulate_media(media="print")
    for element in screen_only:
        expect(element).to_be_hidden()
    expect(page.locator(".skip-link")).to_be_hidden()
    expect(sheet.locator("h2")).to_have_text([offer.title for offer in chosen])
    expect(page.locator(".sheet-proposed-by")).to_be_visible()
    assert not problems.unexpected(), "\n".join(problems.items)
