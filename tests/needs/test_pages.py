"""The pages of "Faire le point": questionnaire, results, page to print, professional version."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import QUIMPER, commune

pytestmark = pytest.mark.django_db

ANSWERS = {"moment": "pendant", "fatigue-pendant": "un-peu", "argent": "beaucoup"}


def url(path: str, **params: str) -> str:
    return f"{path}?{urlencode(params)}" if params else path


@pytest.fixture
def quimper_offers():
    def offer(title: str, code: str):
        return OfferFactory(title=title, subcategory_codes=[code], structure=StructureFactory(commune=commune(QUIMPER)))

    return {
        "social": offer("Assistante sociale de Quimper", "consultation-assistant-service-social"),
        "apa": offer("Gym adaptée de Quimper", "seances-apa"),
    }


def test_the_start_page_offers_the_two_versions(client) -> None:
    html = client.get("/mes-besoins/").content.decode()
    assert 'href="/mes-besoins/?moment=pendant"' in html
    assert 'href="/mes-besoins/?moment=apres"' in html
    assert "Vos réponses ne sont pas enregistrées." in html


def test_the_questionnaire_has_one_fieldset_and_legend_per_question_and_per_part(client) -> None:
    html = client.get("/mes-besoins/?moment=apres").content.decode()
    questions = re.findall(r'<fieldset class="needs-question"', html)
    assert 12 <= len(questions) <= 18
    assert html.count("<fieldset") == html.count("<legend>") == len(questions) + 4 + 1  # 4 parts, the commune
    assert 'method="get" action="/mes-besoins/resultat/"' in html
    assert "csrfmiddlewaretoken" not in html


def test_coming_back_to_the_questions_keeps_the_answers(client) -> None:
    html = client.get(url("/mes-besoins/", **ANSWERS, commune="Quimper")).content.decode()
    assert re.search(r'value="beaucoup" id="argent-beaucoup" checked', html)
    assert re.search(r'value="" id="sommeil-passer" checked', html)
    assert 'value="Quimper"' in html


def test_the_results_put_what_weighs_most_first_with_what_helps_and_a_search_link(client) -> None:
    html = client.get(url("/mes-besoins/resultat/", **ANSWERS)).content.decode()
    assert html.index("L&#x27;argent et les démarches") < html.index("La fatigue")
    assert "Une assistante sociale peut vous aider" in html
    assert "/?categorie=social&amp;sous_categorie=consultation-assistant-service-social" in html
    assert "Ceci n'est pas un diagnostic." in html


def test_with_a_commune_the_results_show_offers_near_it_and_search_links_keep_it(client, quimper_offers) -> None:
    html = client.get(url("/mes-besoins/resultat/", **ANSWERS, commune="29000")).content.decode()
    assert "Assistante sociale de Quimper" in html
    assert "Gym adaptée de Quimper" in html
    assert "commune=29000&amp;rayon=20" in html
    assert "Près de Quimper" in html


def test_an_unknown_commune_gets_the_search_message_and_the_results_stay(client) -> None:
    html = client.get(url("/mes-besoins/resultat/", **ANSWERS, commune="Nulle-part")).content.decode()
    assert "Nous ne trouvons pas la commune « Nulle-part »" in html
    assert "La fatigue" in html


@pytest.mark.parametrize("path", ["/mes-besoins/", "/mes-besoins/resultat/", "/mes-besoins/a-imprimer/"])
def test_an_unknown_version_is_a_french_400_that_offers_the_two_versions(client, path: str) -> None:
    response = client.get(f"{path}?moment=demain")
    assert response.status_code == 400
    assert "Ce choix n'est pas reconnu" in response.content.decode()
    assert 'href="/mes-besoins/?moment=pendant"' in response.content.decode()


def test_no_answer_says_so(client) -> None:
    html = client.get("/mes-besoins/resultat/?moment=apres").content.decode()
    assert "Aucune question n'a reçu de réponse." in html


def test_the_page_to_print_lists_the_answers_that_matter_the_care_and_the_notice(client) -> None:
    html = client.get(url("/mes-besoins/a-imprimer/", **ANSWERS, **{"sommeil": "pas-du-tout"})).content.decode()
    assert "Difficultés financières, démarches" in html
    assert "Fatigue qui gêne la vie quotidienne" in html
    assert "Troubles du sommeil" not in html
    assert "Séances d&#x27;activité physique adaptée" in html
    assert "Ceci n'est pas un diagnostic." in html
    assert "L'équipe soignante décide avec la personne" in html


def test_the_professional_version_ticks_the_nearest_offer_of_each_theme_for_the_orientation_sheet(
    client, quimper_offers
) -> None:
    html = client.get(url("/mes-besoins/professionnel/resultat/", **ANSWERS, commune="Quimper")).content.decode()
    assert 'action="/fiche-orientation/"' in html
    social, apa = quimper_offers["social"].pk, quimper_offers["apa"].pk
    assert re.search(rf'name="offre" value="{social}" id="fiche-{social}" checked', html)
    assert re.search(rf'name="offre" value="{apa}" id="fiche-{apa}" checked', html)
    link = re.search(r'href="(/fiche-orientation/\?[^"]+)"', html).group(1).replace("&amp;", "&")
    assert sorted(int(v) for k, v in parse_qsl(urlsplit(link).query) if k == "offre") == sorted([social, apa])
    sheet = client.get(link).content.decode()
    assert "Assistante sociale de Quimper" in sheet and "Gym adaptée de Quimper" in sheet


def test_the_professional_start_page_leads_to_the_professional_questions(client) -> None:
    html = client.get("/mes-besoins/professionnel/resultat/").content.decode()
    assert 'href="/mes-besoins/professionnel/?moment=apres"' in html


def test_the_professional_questionnaire_uses_the_short_professional_wording(client) -> None:
    html = client.get("/mes-besoins/professionnel/?moment=pendant").content.decode()
    assert "<legend>Fatigue qui gêne la vie quotidienne</legend>" in html
    assert 'action="/mes-besoins/professionnel/resultat/"' in html


def test_the_pages_are_not_cached_not_indexed_and_leak_no_referrer(client) -> None:
    for path in ["/mes-besoins/", url("/mes-besoins/resultat/", **ANSWERS), url("/mes-besoins/a-imprimer/", **ANSWERS)]:
        response = client.get(path)
        assert "no-store" in response["Cache-Control"]
        assert response["Referrer-Policy"] == "no-referrer"
        assert "noindex" in response["X-Robots-Tag"]


def test_the_results_page_costs_a_constant_number_of_queries(client, quimper_offers, django_assert_num_queries) -> None:
    few = url("/mes-besoins/resultat/", **ANSWERS, commune="Quimper")
    many = url(
        "/mes-besoins/resultat/",
        moment="pendant",
        commune="Quimper",
        **dict.fromkeys(["fatigue-pendant", "argent", "sommeil", "moral-pendant", "proches", "memoire"], "beaucoup"),
    )
    with django_assert_num_queries(11):
        client.get(few)
    with django_assert_num_queries(9):  # the commune typed is remembered since the first page
        client.get(many)


def test_the_home_page_and_the_footer_lead_to_the_self_assessment_and_the_privacy_page(client) -> None:
    html = client.get("/").content.decode()
    assert 'href="/mes-besoins/"' in html
    assert "Faites le point" in html
    assert 'href="/donnees-personnelles/"' in html
    privacy = client.get("/donnees-personnelles/").content.decode()
    assert "jamais enregistrées" in privacy
