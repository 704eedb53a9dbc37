"""Bad parameters give HTTP 400 with French messages; unpublished things are 404. Never a 500."""

import pytest
from django.test import Client

from annuaire.directory.enums import PublicationStatus
from tests.api.helpers import error
from tests.directory.factories import OfferFactory, StructureFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("params", "parameter", "message"),
    [
        ({"categorie": "magie"}, "categorie", "Type de soin inconnu : « magie »."),
        ({"sous_categorie": "reiki"}, "sous_categorie", "Soin inconnu : reiki."),
        # Was a 500 on PostgreSQL (a NUL in text is refused): checked before any query.
        ({"sous_categorie": "a\x00b"}, "sous_categorie", "Le caractère nul n'est pas autorisé."),
        ({"departement": "99"}, "departement", "Département inconnu : « 99 »."),
        ({"commune": "Atlantide"}, "commune", "Code INSEE de commune inconnu : « Atlantide »."),
        ({"commune": "29000"}, "commune", "Code INSEE de commune inconnu : « 29000 »."),
        ({"code_postal": "Rennes"}, "code_postal", "Le code postal « Rennes » doit avoir 5 chiffres"),
        ({"code_postal": "29999"}, "code_postal", "Aucune commune n'a le code postal 29999."),
        ({"commune": "29232", "code_postal": "29000"}, "code_postal", "Indiquez soit « commune » (code INSEE)"),
        ({"commune": "35238", "rayon": "loin"}, "rayon", "La distance doit être un nombre de kilomètres"),
        ({"rayon": "9000"}, "rayon", "La distance doit être comprise entre 1 et 500 km."),
        ({"public": "chats"}, "public", "Valeur inconnue : chats."),
        ({"page": "deux"}, "page", "Le numéro de page doit être un nombre entier"),
        ({"page": "0"}, "page", "Le numéro de page doit être un nombre entier"),
        ({"taille": "500"}, "taille", "La taille de page doit être un nombre entier entre 1 et 100."),
        ({"modifie_depuis": "hier"}, "modifie_depuis", "Date invalide"),
        ({"modifie_depuis": "2025-02-30"}, "modifie_depuis", "Date invalide"),
        ({"parcours": "null"}, "parcours", "Valeur invalide : indiquez true ou false."),
        ({"gratuit": "peut-être"}, "gratuit", "Valeur invalide : indiquez true ou false."),
        ({"age": ",".join(["aja"] * 50 + [f"x{n}" for n in range(101)])}, "age", "Trop de valeurs : 100 au plus."),
    ],
)
def test_it_rejects_bad_search_parameters_with_a_french_message(
    params: dict[str, str], parameter: str, message: str
) -> None:
    OfferFactory()
    payload = error("/api/v1/offres", **params)
    assert list(payload["erreurs"]) == [parameter]
    assert payload["erreurs"][parameter][0].startswith(message)
    assert payload["message"].startswith("Certains paramètres de la requête sont invalides.")


def test_it_reports_every_bad_parameter_at_once() -> None:
    payload = error("/api/v1/offres", categorie="magie", taille="0", modifie_depuis="x")
    assert set(payload["erreurs"]) == {"categorie", "taille", "modifie_depuis"}


def test_it_rejects_bad_structure_and_place_filters() -> None:
    assert "Type de structure inconnu" in error("/api/v1/structures", type="secte")["erreurs"]["type"][0]
    assert "Département inconnu" in error("/api/v1/structures", departement="XX")["erreurs"]["departement"][0]
    assert error("/api/v1/lieux", structure="abc")["erreurs"]["structure"] == [
        "Le numéro de structure doit être un nombre entier."
    ]
    assert "Date invalide" in error("/api/v1/lieux", modifie_depuis="demain")["erreurs"]["modifie_depuis"][0]


@pytest.mark.parametrize("q", [None, "", "r"])
def test_it_requires_two_characters_to_look_up_a_commune(q: str | None) -> None:
    params = {} if q is None else {"q": q}
    assert error("/api/v1/communes", **params)["erreurs"]["q"] == [
        "Indiquez au moins 2 caractères du nom de la commune ou de son code postal (paramètre q)."
    ]


def test_it_answers_404_in_french_for_an_unpublished_or_unknown_offer() -> None:
    draft = OfferFactory(status=PublicationStatus.DRAFT)
    delisted = OfferFactory(structure=StructureFactory(status=PublicationStatus.DELISTED))
    for path in [f"/api/v1/offres/{draft.pk}", f"/api/v1/offres/{delisted.pk}", "/api/v1/offres/999999"]:
        response = Client().get(path)
        assert response.status_code == 404
        assert response.json() == {"message": "Cette offre n'existe pas ou n'est pas publiée."}


def test_it_answers_404_for_unpublished_structures_and_places_without_published_offer() -> None:
    structure = StructureFactory(status=PublicationStatus.DELISTED)
    hidden = OfferFactory(structure=structure)
    lonely = OfferFactory(status=PublicationStatus.DRAFT)
    assert Client().get(f"/api/v1/structures/{structure.pk}").status_code == 404
    assert Client().get(f"/api/v1/lieux/{hidden.places.get().pk}").status_code == 404
    assert Client().get(f"/api/v1/lieux/{lonely.places.get().pk}").status_code == 404


def test_it_answers_404_not_500_for_an_identifier_too_big_for_the_database() -> None:
    assert Client().get(f"/api/v1/offres/{2**70}").status_code == 404
    assert Client().get(f"/api/v1/structures/{2**64}").status_code == 404


def test_it_is_read_only() -> None:
    response = Client().post("/api/v1/offres", {})
    assert response.status_code == 405
    assert "message" in response.json()


def test_it_answers_a_json_404_for_an_unknown_address() -> None:
    for path in ["/api/v1/offres/abc", "/api/v1/inconnu", "/api/v1/offres/"]:
        response = Client().get(path)
        assert response.status_code == 404
        assert response.json()["message"].startswith("Cette adresse n'existe pas dans l'API")


def test_a_page_past_the_last_one_is_an_empty_page_leading_back_to_the_last() -> None:
    OfferFactory()
    response = Client().get("/api/v1/offres", {"page": "3"})
    assert response.status_code == 200
    payload = response.json()
    assert payload["results"] == [] and payload["count"] == 1 and payload["next"] is None
    assert payload["previous"] == "http://testserver/api/v1/offres"


@pytest.mark.parametrize(
    ("since", "found"), [("9999-12-31T23:59:59-23:59", 0), ("0001-01-01", 1), ("0001-01-01T00:00:00+14:00", 1)]
)
def test_dates_at_the_ends_of_the_calendar_mean_the_earliest_or_latest_instant(since: str, found: int) -> None:
    OfferFactory()
    response = Client().get("/api/v1/offres", {"modifie_depuis": since})
    assert response.status_code == 200
    assert response.json()["count"] == found


@pytest.mark.parametrize("value", ["true", "1", "oui"])
def test_parcours_true_keeps_only_the_parcours_global_offers(value: str) -> None:
    OfferFactory(title="Bilan du parcours global", parcours_global=True)
    OfferFactory(title="Sophrologie", parcours_global=False)
    titles = [o["nom"] for o in Client().get("/api/v1/offres", {"parcours": value}).json()["results"]]
    assert titles == ["Bilan du parcours global"]
