"""A patient searches the directory: on a phone, without JavaScript, on a computer with the map."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CATEGORY_LABEL = "Prise en charge psychologique"
COMMUNE_LABEL = "Quimper (29)"


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def distances_km(page) -> list[float]:
    texts = page.locator(".result-list .badge-distance").all_inner_texts()
    assert texts and all(text.endswith(" km") for text in texts), texts
    return [float(re.search(r"([\d,]+) km", text).group(1).replace(",", ".")) for text in texts]


# Offers drawn on the map: numbered markers, plus those gathered in clusters (their count).
OFFERS_ON_MAP = (
    "Array.from(document.querySelectorAll('#carte .leaflet-marker-icon')).reduce((n, icon) =>"
    " n + (icon.classList.contains('marker-cluster') ? Number(icon.textContent) : 1), 0)"
)


def offers_on_map(page) -> int:
    return page.evaluate(OFFERS_ON_MAP)


def result_titles(page) -> list[str]:
    return page.locator(".result-list article.result h3 a").all_inner_texts()


def test_a_patient_on_a_phone_finds_the_nearest_psychologist_and_calls(live_server, phone, directory) -> None:
    problems = PageProblems().watch(phone)
    phone.goto(live_server.url + "/")

    phone.locator('label[for="soin-psychologie"]').click()  # the home page asks first: large choices
    commune = phone.get_by_label("Près de quelle commune ?")
    with phone.expect_response(lambda response: "/communes/suggestions/?commune=quimp" in response.url):
        commune.press_sequentially("quimp", delay=40)
    suggestion = phone.locator(f'#communes-suggestions option[value="{COMMUNE_LABEL}"]')
    expect(suggestion).to_have_count(1)
    # Headless Chromium does not draw the datalist pop-up: picking a suggestion types its label.
    commune.fill(COMMUNE_LABEL)
    phone.get_by_role("button", name="Rechercher", exact=True).click()

    heading = phone.locator("#resultats-titre")
    expect(heading).to_have_text("3 offres trouvées près de Quimper (29) dans un rayon de 20 km")
    query = query_of(phone.url)
    assert query["categorie"] == ["psychologie"] and query["commune"] == [COMMUNE_LABEL], phone.url
    results_url = phone.url

    distances = distances_km(phone)
    assert distances == sorted(distances) and len(distances) == 3, distances
    assert result_titles(phone) == [
        directory["quimper_psy"].title,
        directory["ergue_psy"].title,
        directory["briec_psy"].title,
    ]
    assert directory["quimper_draft"].title not in phone.content()

    phone.get_by_role("link", name=directory["quimper_psy"].title).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(directory["quimper_psy"].title)
    assert urlsplit(phone.url).path == directory["quimper_psy"].get_absolute_url()
    expect(phone.locator('.contact-list a[href="tel:0298526060"]')).to_have_text("02 98 52 60 60")
    expect(phone.locator(".cost-text")).to_have_text("Il reste 25 € à payer par vous.")

    phone.go_back()
    expect(phone.locator("#resultats-titre")).to_contain_text("3 offres trouvées près de Quimper (29)")
    assert phone.url == results_url
    assert result_titles(phone)[0] == directory["quimper_psy"].title
    assert not problems.unexpected(), "\n".join(problems.items)


def test_a_patient_without_javascript_searches_with_the_plain_form(live_server, no_javascript, directory) -> None:
    page = no_javascript
    page.goto(live_server.url + "/")
    page.locator('label[for="soin-psychologie"]').click()
    page.get_by_label("Près de quelle commune ?").fill(COMMUNE_LABEL)
    with page.expect_navigation():
        page.get_by_role("button", name="Rechercher", exact=True).click()

    query = query_of(page.url)
    assert query["categorie"] == ["psychologie"] and query["commune"] == [COMMUNE_LABEL], page.url
    expect(page.locator("#resultats-titre")).to_have_text(
        "3 offres trouvées près de Quimper (29) dans un rayon de 20 km"
    )
    assert result_titles(page)[0] == directory["quimper_psy"].title
    assert distances_km(page) == sorted(distances_km(page))
    expect(page.locator("#carte")).to_be_hidden()
    expect(page.get_by_role("button", name="Voir la carte")).to_be_hidden()


def test_a_patient_on_a_computer_refines_the_results_in_place_and_uses_the_map(live_server, desktop, directory) -> None:
    page = desktop
    problems = PageProblems().watch(page)
    loads: list[str] = []
    page.on("load", lambda loaded: loads.append(loaded.url))
    page.emulate_media(reduced_motion="reduce")  # no zoom or pan animation under the pointer
    page.goto(live_server.url + "/?categorie=psychologie")
    expect(page.locator("#resultats-titre")).to_have_text("6 offres trouvées")
    expect(page.locator("#carte .leaflet-marker-icon").first).to_be_visible()
    wait_until(page, "document.querySelectorAll('#carte .leaflet-marker-icon').length > 0")
    assert offers_on_map(page) == 6
    page.evaluate("window.__marker = 'même page'")

    page.get_by_text("Affiner la recherche").click()
    page.get_by_label("Sans frais pour la personne (gratuit ou pris en charge)").check()

    expect(page.locator("#resultats-titre")).to_have_text("4 offres trouvées")
    page.wait_for_url(re.compile(r"gratuit=1"))
    assert page.evaluate("window.__marker") == "même page", "the page was reloaded"
    assert len(loads) == 1, loads
    assert query_of(page.url) == {"categorie": ["psychologie"], "rayon": ["20"], "gratuit": ["1"]}
    free = ["ergue_psy", "briec_psy", "brest_psy", "saint_brieuc_psy"]
    assert sorted(result_titles(page)) == sorted(directory[key].title for key in free)
    wait_until(page, OFFERS_ON_MAP + " === 4")  # one per located result, in clusters when close

    brest = directory["brest_psy"]
    marker = page.locator(f'#carte .leaflet-marker-icon[title="{brest.title}"]')
    marker.focus()  # markers are keyboard-reachable; Enter opens the popup as a click does
    page.keyboard.press("Enter")
    popup_link = page.locator(".leaflet-popup-content a")
    expect(popup_link).to_have_text(brest.title)
    expect(popup_link).to_have_attribute("href", brest.get_absolute_url())
    # Follow the link as a keyboard user does: pointer clicks on a map that may still be
    # settling its view proved flaky on loaded machines; the link is the same.
    popup_link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(brest.title)
    assert not problems.unexpected(), "\n".join(problems.items)
