"""The public search page at `/`: a GET form that works without JavaScript."""

import html as htmllib
import re

import pytest
from django.test import Client

from annuaire.directory.enums import AgeGroup, Audience, CareSetting, Cost, Phase, PublicationStatus
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, RENNES, SAINT_BRIEUC, VANNES, commune
from tests.www.assets import asset_addresses, external_assets

pytestmark = pytest.mark.django_db


def titles(client: Client, **params: str | list[str]) -> list[str]:
    response = client.get("/", params or {"categorie": ""})
    assert response.status_code == 200
    return [card.title for card in response.context["cards"]]


def text(response) -> str:
    return re.sub(r"\s+", " ", htmllib.unescape(response.content.decode()))


def test_it_renders_a_labelled_form_without_javascript(client: Client) -> None:
    response = client.get("/?categorie=")
    html = htmllib.unescape(response.content.decode())
    assert response.status_code == 200
    assert '<form id="formulaire-recherche" class="search-form" method="get" action="/"' in html
    for field_id, label in [
        ("champ-categorie", "Quel soin cherchez-vous ?"),
        ("champ-commune", "Près de quelle commune ?"),
        ("champ-rayon", "Distance maximale"),
        ("champ-departement", "Dans quel département ?"),
        ("champ-q", "Mots-clés"),
        ("champ-parcours", "Parcours de soins global après le traitement d'un cancer"),
        ("champ-gratuit", "Sans frais pour la personne"),
    ]:
        assert re.search(rf'<label for="{field_id}">{re.escape(label)}', html), field_id
    assert html.count('<option value="') >= 13 + 4 + 6
    assert "<summary>Affiner la recherche</summary>" in html
    assert "Choisissez d'abord un type de soin" in html
    assert '<option value="20" selected>20 km</option>' in html
    for legend in ["Pour qui", "Âge", "Où a lieu le soin", "Moment du parcours", "Conditions d'accès"]:
        assert f"<legend>{legend}</legend>" in html


def test_it_lists_the_thirteen_categories_and_the_regional_departements_first(client: Client) -> None:
    response = client.get("/?categorie=")
    assert len(response.context["categories"]) == 13
    html = response.content.decode()
    first_group = html[html.index("<optgroup", html.index('id="champ-departement"')) :]
    first_group = first_group[: first_group.index("</optgroup>")]
    assert first_group.startswith('<optgroup label="Bretagne">')
    assert re.findall(r'<option value="(\w+)"', first_group) == ["22", "29", "35", "56"]


def test_it_lists_published_offers_only(client: Client) -> None:
    OfferFactory(title="Visible")
    OfferFactory(title="Brouillon", status=PublicationStatus.DRAFT)
    OfferFactory(title="Structure retirée", structure=StructureFactory(status=PublicationStatus.DELISTED))
    response = client.get("/?categorie=")
    assert [c.title for c in response.context["cards"]] == ["Visible"]
    assert "Brouillon" not in response.content.decode()
    assert "1 offre trouvée" in text(response)


def test_each_first_level_filter_changes_the_results(client: Client) -> None:
    OfferFactory(title="Diététique à Brest", subcategory_codes=["consultation-dieteticien"], commune=commune(BREST))
    OfferFactory(title="Psychologue à Rennes", parcours_global=True)
    OfferFactory(title="Psychologue à Vannes", commune=commune(VANNES), description="Sophrologie et relaxation")
    assert titles(client, categorie="nutrition") == ["Diététique à Brest"]
    assert titles(client, parcours="1") == ["Psychologue à Rennes"]
    assert titles(client, departement="56") == ["Psychologue à Vannes"]
    assert titles(client, q="sophrologie") == ["Psychologue à Vannes"]
    assert titles(client, commune="Brest", rayon="20") == ["Diététique à Brest"]


def test_each_refinement_changes_the_results(client: Client) -> None:
    OfferFactory(
        title="Pour les proches",
        audiences=[Audience.RELATIVES],
        age_groups=[AgeGroup.ELDERLY],
        care_settings=[CareSetting.HOME],
        phases=[Phase.END_OF_LIFE],
        access=["non-suivis"],
        cost=Cost.PARTLY_PAID,
        cost_amount=15,
    )
    OfferFactory(title="Pour les patients", subcategory_codes=["consultation-psychologue"])
    assert titles(client, public="proches") == ["Pour les proches"]
    assert titles(client, age="personnes-agees") == ["Pour les proches"]
    assert titles(client, lieu="domicile") == ["Pour les proches"]
    assert titles(client, phase="fin-de-vie") == ["Pour les proches"]
    assert titles(client, acces="non-suivis") == ["Pour les proches"]
    assert titles(client, gratuit="1") == ["Pour les patients"]
    assert titles(client, categorie="psychologie", sous_categorie="consultation-psychologue") == [
        "Pour les patients",
        "Pour les proches",
    ]


def test_the_refinement_is_open_and_shows_subcategories_once_a_category_is_chosen(client: Client) -> None:
    html = client.get("/", {"categorie": "psychologie", "public": "proches"}).content.decode()
    assert '<details class="refine" open>' in html
    assert 'name="sous_categorie" value="consultation-psychologue"' in html
    assert "Choisissez d'abord un type de soin" not in html
    assert '<input type="checkbox" id="champ-public-proches" name="public" value="proches" checked>' in html


def test_with_a_commune_it_sorts_by_distance_and_shows_it(client: Client) -> None:
    OfferFactory(title="À Brest", commune=commune(BREST))
    OfferFactory(title="À Quimper", commune=commune(QUIMPER))
    OfferFactory(title="À Rennes", commune=commune(RENNES))
    response = client.get("/", {"commune": "Quimper", "rayon": "100"})
    assert [c.title for c in response.context["cards"]] == ["À Quimper", "À Brest"]
    page = text(response)
    assert "2 offres trouvées près de Quimper (29) dans un rayon de 100 km" in page
    assert "à 0 km" in page
    distance = response.context["cards"][1].distance
    assert re.fullmatch(r"à \d+,\d km|à \d+ km", distance)
    assert 50 < float(distance.removeprefix("à ").removesuffix(" km").replace(",", ".")) < 70
    assert 'value="Quimper (29)"' in page


def test_without_a_commune_it_sorts_by_title(client: Client) -> None:
    OfferFactory(title="Yoga")
    OfferFactory(title="Art-thérapie")
    assert titles(client) == ["Art-thérapie", "Yoga"]


def test_a_card_shows_what_a_patient_needs(client: Client) -> None:
    structure = StructureFactory(name="Ligue contre le cancer 29", kind="ligue", secure_messaging="ligue@mssante.fr")
    OfferFactory(
        title="Hypnose",
        structure=structure,
        subcategory_codes=["hypnose"],
        commune=commune(QUIMPER),
        how_to_access="Sur rendez-vous.",
        appointment_delay_days=15,
        contact_phone="02 98 00 00 00",
        contact_email="rdv@example.org",
        cost=Cost.PARTLY_PAID,
        cost_amount=10,
        parcours_global=False,
    )
    page = text(client.get("/", {"commune": "29000"}))
    assert '<a id="offre-' in page and ">Hypnose</a>" in page
    assert "Ligue contre le cancer 29" in page and "Quimper" in page
    assert "à 0 km" in page
    assert (
        '<a class="button button-call" href="tel:0298000000">'
        '<span class="visually-hidden">Appeler le </span>02 98 00 00 00</a>' in page
    )
    assert "Reste à charge : 10 €" in page
    assert "pratique non conventionnelle" in page
    assert "vérifié le" in page
    assert 'action="/fiche-orientation/ajouter/"' in page and "Ajouter à la fiche" in page
    # Everything else is on the offer page: the card stays short on a phone.
    for detail in ["rdv@example.org", "ligue@mssante.fr", "Rendez-vous habituellement", "1 place de la Mairie"]:
        assert detail not in page, detail


def test_it_badges_free_and_parcours_offers(client: Client) -> None:
    OfferFactory(title="APA", parcours_global=True, cost=Cost.FREE)
    page = text(client.get("/?categorie="))
    assert '<span class="badge-free">Gratuit</span>' in page
    assert "jamais un remplacement" not in page


def test_the_nearest_place_of_the_offer_is_shown(client: Client) -> None:
    structure = StructureFactory()
    far = PlaceFactory(structure=structure, name="Site de Rennes", commune=commune(RENNES))
    near = PlaceFactory(structure=structure, name="Site de Saint-Brieuc", commune=commune(SAINT_BRIEUC))
    OfferFactory(title="Deux sites", structure=structure, places=[far, near])
    response = client.get("/", {"commune": "Saint-Brieuc", "rayon": "100"})
    assert response.context["cards"][0].place.pk == near.pk
    assert "(Saint-Brieuc)" in text(response)


def test_the_page_number_lives_in_the_url(client: Client, settings) -> None:
    settings.SEARCH_PAGE_SIZE = 2
    for name in "ABCDE":
        OfferFactory(title=f"Offre {name}")
    response = client.get("/", {"page": "2", "categorie": "psychologie"})
    assert [c.title for c in response.context["cards"]] == ["Offre C", "Offre D"]
    html = response.content.decode()
    assert '<nav class="pagination" aria-label="Pages de résultats"' in html
    assert 'href="?page=2&amp;categorie=psychologie" aria-current="page"' in html
    assert 'href="?page=3&amp;categorie=psychologie" rel="next"' in html
    assert 'href="?page=1&amp;categorie=psychologie" rel="prev"' in html


def test_an_out_of_range_page_shows_the_last_one_with_a_message(client: Client, settings) -> None:
    settings.SEARCH_PAGE_SIZE = 2
    for name in "ABC":
        OfferFactory(title=f"Offre {name}")
    response = client.get("/", {"page": "99"})
    assert response.status_code == 200
    assert [c.title for c in response.context["cards"]] == ["Offre C"]
    assert "La page 99 n'existe pas : voici la dernière page (2)." in text(response)
    response = client.get("/", {"page": "deux"})
    assert [c.title for c in response.context["cards"]] == ["Offre A", "Offre B"]
    assert "n'est pas valide" in text(response)
    assert client.get("/", {"page": "-3"}).status_code == 200
    assert client.get("/", {"page": "5", "q": "introuvable"}).status_code == 200


def test_without_result_it_suggests_a_wider_radius_with_counts(client: Client) -> None:
    OfferFactory(title="À Brest", commune=commune(BREST))  # ~60 km from Quimper
    response = client.get("/", {"commune": "Quimper", "rayon": "20"})
    page = text(response)
    assert "Aucune offre trouvée près de Quimper (29) dans un rayon de 20 km" in page
    advice = {a.text: (a.count, a.url) for a in response.context["advice"]}
    assert advice["Chercher dans un rayon de 50 km"][0] == 0
    assert advice["Chercher dans un rayon de 100 km"] == (1, "?commune=Quimper&rayon=100")
    assert 'href="?commune=Quimper&rayon=100">Chercher dans un rayon de 100 km</a> : 1 offre' in page


def test_without_result_it_suggests_removing_each_refinement_and_the_free_text(client: Client) -> None:
    OfferFactory(title="Psychologue", audiences=[Audience.PATIENTS], cost=Cost.PARTLY_PAID, cost_amount=20)
    response = client.get("/", {"q": "psychologue", "public": "proches", "gratuit": "1"})
    advice = {a.text: (a.count, a.url) for a in response.context["advice"]}
    assert advice == {
        "Retirer les mots-clés « psychologue »": (0, "?public=proches&gratuit=1"),
        "Retirer le filtre « Pour qui »": (0, "?q=psychologue&gratuit=1"),
        "Inclure les offres avec un reste à charge": (0, "?q=psychologue&public=proches"),
    }
    response = client.get("/", {"q": "psychologue", "public": "proches"})
    advice = {a.text: a.count for a in response.context["advice"]}
    assert advice == {"Retirer les mots-clés « psychologue »": 0, "Retirer le filtre « Pour qui »": 1}


def test_without_result_in_a_departement_it_suggests_the_others_of_the_region(client: Client) -> None:
    OfferFactory(title="À Vannes", commune=commune(VANNES))
    OfferFactory(title="À Rennes", commune=commune(RENNES))
    response = client.get("/", {"departement": "29"})
    advice = {a.text: (a.count, a.url) for a in response.context["advice"]}
    assert advice == {
        "Chercher dans le département Côtes-d'Armor (22)": (0, "?departement=22"),
        "Chercher dans le département Ille-et-Vilaine (35)": (1, "?departement=35"),
        "Chercher dans le département Morbihan (56)": (1, "?departement=56"),
    }


def test_the_advice_costs_a_bounded_number_of_queries(client: Client, django_assert_max_num_queries) -> None:
    OfferFactory(title="Ailleurs", commune=commune(RENNES))
    params = {
        "commune": "Quimper",
        "rayon": "5",
        "departement": "29",
        "q": "mot",
        "categorie": "psychologie",
        "sous_categorie": "consultation-psychologue",
        "public": "proches",
        "age": "aja",
        "lieu": "ville",
        "phase": "diagnostic",
        "acces": "had",
        "gratuit": "1",
        "parcours": "1",
    }
    with django_assert_max_num_queries(20):
        response = client.get("/", params)
    assert len(response.context["advice"]) == 8


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"categorie": "astrologie"}, "categorie", "Type de soin inconnu : « astrologie »."),
        ({"departement": "99"}, "departement", "Département inconnu : « 99 »."),
        ({"commune": "Atlantide"}, "commune", "Nous ne trouvons pas la commune « Atlantide »"),
        ({"rayon": "loin"}, "rayon", "La distance doit être un nombre de kilomètres"),
        ({"rayon": "9000"}, "rayon", "La distance doit être comprise entre 1 et 500 km."),
        ({"rayon": "inf"}, "rayon", "La distance doit être comprise entre 1 et 500 km."),
        ({"rayon": "nan"}, "rayon", "La distance doit être comprise entre 1 et 500 km."),
        ({"public": "martiens"}, "public", "Valeur inconnue : martiens."),
        ({"sous_categorie": "zzz"}, "sous_categorie", "Soin inconnu : zzz."),
        # Was a 500 on PostgreSQL (a NUL in text is refused): checked before any query.
        ({"sous_categorie": "\x00"}, "sous_categorie", "Le caractère nul n'est pas autorisé."),
        (
            {"categorie": "nutrition", "sous_categorie": "consultation-psychologue"},
            "sous_categorie",
            "Ce soin ne fait pas partie du type de soin choisi.",
        ),
    ],
)
def test_invalid_parameters_show_french_errors_linked_to_their_fields(
    client: Client, params: dict[str, str], field: str, message: str
) -> None:
    response = client.get("/", params or {"categorie": ""})
    assert response.status_code == 200
    page = text(response)
    assert "pour lancer la recherche" in page
    assert 'class="error-summary" role="alert"' in page
    assert message in page
    assert f'id="erreur-{field}"' in page
    assert re.search(rf'aria-describedby="[^"]*erreur-{field}', page)
    assert "<title>Erreur dans la recherche" in page


def test_an_invalid_parameter_keeps_the_other_values_in_the_form(client: Client) -> None:
    page = client.get("/", {"commune": "Atlantide", "categorie": "psychologie", "q": "yoga"}).content.decode()
    assert 'value="Atlantide"' in page
    assert '<option value="psychologie" selected>' in page
    assert 'value="yoga"' in page
    assert 'aria-invalid="true"' in page
    assert '<a href="#champ-commune">' in page


def test_a_radius_typed_in_the_url_is_offered_in_the_list(client: Client) -> None:
    page = client.get("/", {"commune": "Rennes", "rayon": "12,5"}).content.decode()
    assert '<option value="12,5" selected>' in page


def test_the_autocomplete_label_is_accepted_by_the_form(client: Client) -> None:
    OfferFactory(title="À Saint-Brieuc", commune=commune(SAINT_BRIEUC))
    assert titles(client, commune="Saint-Brieuc (22)") == ["À Saint-Brieuc"]
    assert titles(client, commune="22000") == ["À Saint-Brieuc"]


def test_the_map_data_lists_the_markers_of_the_page(client: Client) -> None:
    OfferFactory(title="À Brest", commune=commune(BREST))
    html = client.get("/?categorie=").content.decode()
    assert '<script id="carte-donnees" type="application/json">' in html
    assert '"title": "\\u00c0 Brest"' in html or '"title": "À Brest"' in html
    assert 'id="panneau-carte" hidden' in html
    assert 'aria-label="Carte des offres de cette page, numérotées comme la liste.' in html
    assert 'data-outlines="/static/geo/regions/"' in html
    assert 'data-tile-url="https://data.geopf.fr/wmts?' in html
    assert "/static/js/search.js" in asset_addresses(html)
    assert external_assets(html) == []


def test_the_chosen_departement_is_selected_in_its_list_whatever_was_chosen_before(client: Client) -> None:
    def selected(params: dict[str, str]) -> list[str]:
        html = client.get("/", params).content.decode()
        select = html[
            html.index('id="champ-departement"') : html.index("</select>", html.index('id="champ-departement"'))
        ]
        return re.findall(r'<option value="(\w*)" selected>', select)

    assert selected({"departement": "29"}) == ["29"]
    assert selected({"departement": "35"}) == ["35"]
    assert selected({"departement": "29"}) == ["29"]
    assert selected({"categorie": ""}) == []
    assert selected({"departement": "ZZ"}) == []


def test_the_ticked_refinements_are_those_of_this_search_whatever_was_ticked_before(client: Client) -> None:
    def ticked(params: dict[str, str | list[str]]) -> list[str]:
        return re.findall(
            r'<input type="checkbox" id="champ-(?:public|age|lieu|phase|acces)-([\w-]+)"[^>]* checked>',
            client.get("/", params).content.decode(),
        )

    assert ticked({"public": "patients"}) == ["patients"]
    assert ticked({"public": ["patients", "proches"], "lieu": "domicile"}) == ["patients", "proches", "domicile"]
    assert ticked({"categorie": ""}) == []
    assert ticked({"public": "patients"}) == ["patients"]
