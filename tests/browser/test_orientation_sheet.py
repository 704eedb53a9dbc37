"""A professional gathers offers for an orientation sheet, across pages, and prints it."""

import io
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import PageProblems

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEARCH = "/?" + urlencode({"categorie": "psychologie", "commune": "Quimper (29)"})


def add(page, title: str) -> None:
    card = page.locator("article.result", has=page.get_by_role("link", name=title, exact=True))
    card.get_by_role("button", name="Ajouter à la fiche").click()
    expect(card.get_by_role("button", name="Retirer de la fiche")).to_be_visible()


def test_the_selection_survives_filters_and_offer_pages_with_javascript(live_server, desktop, directory) -> None:
    page = desktop
    problems = PageProblems().watch(page)
    page.goto(live_server.url + SEARCH)
    expect(page.locator("#resultats-titre")).to_contain_text("3 offres trouvées")
    add(page, directory["quimper_psy"].title)
    expect(page.get_by_role("link", name="Imprimer la fiche (1)")).to_be_visible()

    page.get_by_label("Distance maximale autour de la commune").select_option("50")
    expect(page.locator("#resultats-titre")).to_contain_text("dans un rayon de 50 km")
    quimper = page.locator("article.result", has=page.get_by_role("link", name=directory["quimper_psy"].title))
    expect(quimper.get_by_role("button", name="Retirer de la fiche")).to_be_visible()

    page.get_by_role("link", name=directory["briec_psy"].title, exact=True).click()
    page.get_by_role("button", name="Ajouter à la fiche").click()
    expect(page.get_by_role("link", name="Imprimer la fiche (2)")).to_be_visible()
    page.go_back()
    expect(page.get_by_role("link", name="Imprimer la fiche (2)")).to_be_visible()

    page.get_by_role("link", name="Imprimer la fiche (2)").click()
    sheet = page.locator(".sheet-offers > li")
    expect(sheet.locator("h2")).to_have_text([directory["quimper_psy"].title, directory["briec_psy"].title])
    expect(sheet.first).to_contain_text("Il reste 25 € à payer par vous.")
    expect(sheet.first.locator("svg")).to_be_visible()
    back = page.get_by_role("link", name="Revenir à la recherche")
    assert urlsplit(back.get_attribute("href")).query
    assert not problems.unexpected(), "\n".join(problems.items)


def test_the_selection_survives_pages_without_javascript(live_server, no_javascript, directory, settings) -> None:
    page = no_javascript
    page.goto(live_server.url + "/?categorie=psychologie&commune=Quimper+%2829%29")
    with page.expect_navigation():
        page.locator("article.result").first.get_by_role("button", name="Ajouter à la fiche").click()
    expect(page.get_by_role("link", name="Imprimer la fiche (1)")).to_be_visible()
    page.goto(live_server.url + "/?categorie=&commune=Quimper+%2829%29&rayon=50")
    expect(page.get_by_role("link", name="Imprimer la fiche (1)")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Imprimer la fiche (1)").click()
    expect(page.locator(".sheet-offers > li")).to_have_count(1)


@pytest.mark.parametrize(("count", "pages"), [(3, 1), (5, 2)])
def test_the_printed_sheet_fits_three_offers_on_one_a4_page_and_five_on_two(
    live_server, desktop, directory, count: int, pages: int
) -> None:
    keys = ["quimper_psy", "ergue_psy", "briec_psy", "brest_psy", "rennes_psy"][:count]
    ids = ",".join(str(directory[key].pk) for key in keys)
    desktop.goto(f"{live_server.url}/fiche-orientation/?offre={ids}")
    expect(desktop.locator(".sheet-offers > li")).to_have_count(count)
    desktop.emulate_media(media="print")
    pdf = desktop.pdf(format="A4", prefer_css_page_size=True)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == pages
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert text.count("pas un label") == 1, "the notice is printed once"
