"""'Faire le point' in real Chromium: a patient on a phone, the page to print, a professional."""

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from annuaire.needs.models import Question
from tests.browser.conftest import PageProblems, run_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Records what would be spoken instead of speaking (a stand-in for the browser's speech engine).
RECORD_SPEECH_JS = """
window.__spoken = [];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = (utterance) => window.__spoken.push({text: utterance.text, lang: utterance.lang});
}
"""


def answer(page, question: str, level: str) -> None:
    page.get_by_role("group", name=question).get_by_text(level, exact=True).click()


def every_answer_a_lot(moment: str) -> str:
    codes = Question.objects.for_moment(moment).values_list("code", flat=True)
    return urlencode({"moment": moment, **dict.fromkeys(codes, "beaucoup")})


def test_a_patient_on_a_phone_answers_and_sees_what_weighs_most_first_with_offers_near_home(
    live_server, phone, directory
) -> None:
    page = phone
    problems = PageProblems().watch(page)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Je ne sais pas quel soin chercher ? Faites le point").click()
    page.get_by_role("link", name="Je suis en traitement").click()
    answer(page, "La fatigue vous gêne-t-elle dans votre journée ?", "Un peu")
    answer(page, "La tristesse ou l'inquiétude vous pèsent-elles ?", "Beaucoup")
    answer(page, "Avez-vous du mal à dormir ?", "Pas du tout")
    page.get_by_label("Commune ou code postal").fill("Quimper")
    page.get_by_role("button", name="Voir ce qui peut m'aider").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ce qui peut vous aider")
    themes = page.locator(".needs-theme > h2")
    expect(themes).to_have_text(["1. Le moral et l'inquiétude", "2. La fatigue"])
    moral = page.locator(".needs-theme").first
    expect(moral.get_by_role("link", name="Psychologue au centre hospitalier")).to_be_visible()
    expect(page.locator(".needs-theme").nth(1)).to_contain_text("Consultation diététique")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert parse_qs(urlsplit(page.url).query)["moral-pendant"] == ["beaucoup"]

    page.get_by_role("link", name="Modifier mes réponses").click()
    expect(
        page.get_by_role("group", name="La tristesse ou l'inquiétude vous pèsent-elles ?").get_by_label("Beaucoup")
    ).to_be_checked()
    assert not problems.unexpected(), problems.items


@pytest.mark.parametrize("moment", ["pendant", "apres"])
def test_the_page_for_the_doctor_prints_on_one_a4_page_even_when_every_answer_is_a_lot(
    live_server, desktop, moment: str
) -> None:
    desktop.goto(f"{live_server.url}/mes-besoins/a-imprimer/?{every_answer_a_lot(moment)}")
    expect(desktop.locator(".needs-sheet-table tbody tr")).to_have_count(Question.objects.for_moment(moment).count())
    pdf = desktop.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"{pages} pages"


def test_a_professional_fills_the_consultation_version_and_gets_the_orientation_sheet_with_the_offers_ticked(
    live_server, desktop, directory
) -> None:
    page = desktop
    page.goto(live_server.url + "/mes-besoins/professionnel/")
    page.get_by_role("link", name="Après les traitements").click()
    answer(page, "Peur de la récidive, tristesse", "Beaucoup")
    answer(page, "Difficultés financières, démarches", "Un peu")
    answer(page, "Image de soi, apparence", "Un peu")
    page.get_by_label("Commune ou code postal").fill("Quimper (29)")
    page.get_by_label("Distance maximale").select_option("100")
    page.get_by_role("button", name="Voir les soins et les offres proposés").click()

    ticked = page.locator('input[name="offre"]:checked')
    expect(ticked).to_have_count(2)  # the nearest of each theme that has one
    expect(page.locator("#bloc-argent-demarches")).to_contain_text("Aucune offre à moins de 100")
    with page.expect_navigation():
        page.get_by_role("button", name="Préparer la fiche d'orientation").click()
    assert urlsplit(page.url).path == "/fiche-orientation/"
    offered = parse_qs(urlsplit(page.url).query)["offre"]
    assert sorted(offered) == sorted([str(directory["quimper_psy"].pk), str(directory["quimper_image"].pk)])
    expect(page.locator(".sheet-offers > li")).to_have_count(len(offered))


def test_without_javascript_everything_works_and_no_read_aloud_button_shows(
    live_server, no_javascript, directory
) -> None:
    page = no_javascript
    page.goto(live_server.url + "/mes-besoins/?moment=apres")
    expect(page.get_by_role("button", name="Lire à voix haute")).to_be_hidden()
    answer(page, "Avez-vous encore des douleurs ?", "Beaucoup")
    page.get_by_role("button", name="Voir ce qui peut m'aider").click()
    expect(page.locator(".needs-theme > h2")).to_have_text(["1. La douleur"])
    page.get_by_role("link", name="Page à apporter à mon médecin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes besoins en soins de support")


def test_the_read_aloud_button_reads_the_question_in_french_where_speech_synthesis_exists(live_server, desktop) -> None:
    page = desktop
    page.add_init_script(RECORD_SPEECH_JS)
    page.goto(live_server.url + "/mes-besoins/?moment=pendant")
    question = page.get_by_role("group", name="Avez-vous du mal à dormir ?")
    question.get_by_role("button", name="Écouter la question").click()
    spoken = page.evaluate("window.__spoken")
    assert spoken == [{"text": "Avez-vous du mal à dormir ? Pas du tout. Un peu. Beaucoup. Je passe.", "lang": "fr-FR"}]
    page.get_by_role("button", name="Lire à voix haute").click()
    assert page.evaluate("window.__spoken")[-1]["text"].startswith("Pensez aux dernières semaines.")


def test_the_read_aloud_buttons_stay_hidden_where_speech_synthesis_is_missing(live_server, desktop) -> None:
    desktop.add_init_script("delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;")
    desktop.goto(live_server.url + "/mes-besoins/?moment=pendant")
    expect(desktop.locator("[data-read-aloud]:visible")).to_have_count(0)


def test_the_self_assessment_pages_meet_wcag_at_1280_and_320_px(live_server, desktop, small_phone, directory) -> None:
    near = urlencode(
        {"moment": "pendant", "fatigue-pendant": "beaucoup", "argent": "un-peu", "commune": "Quimper", "rayon": "50"}
    )
    paths = [
        "/mes-besoins/",
        "/mes-besoins/?moment=pendant",
        f"/mes-besoins/resultat/?{near}",
        "/mes-besoins/resultat/?moment=apres&sommeil=beaucoup",
        f"/mes-besoins/a-imprimer/?{near}",
        "/mes-besoins/professionnel/?moment=apres",
        f"/mes-besoins/professionnel/resultat/?{near}",
        "/donnees-personnelles/",
    ]
    violations, too_wide = {}, {}
    for page in (desktop, small_phone):
        for path in paths:
            page.goto(live_server.url + path)
            found = run_axe(page)
            if found:
                violations[(page.viewport_size["width"], path)] = found
            if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
                too_wide[(page.viewport_size["width"], path)] = True
    assert not violations, violations
    assert not too_wide, too_wide
