"""data·inclusion v1 export: published data only, every record valid against the schema."""

from typing import Any

import pytest
from data_inclusion.schema.v1 import Frais, ModeAccueil, Public, Thematique
from django.test import Client

from annuaire.directory.enums import AgeGroup, Audience, Cost, Modality, PublicationStatus
from annuaire.interop.datainclusion import mapping
from annuaire.taxonomy.models import Category, SubCategory
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, commune
from tests.interop.conftest import validate_service, validate_structure

pytestmark = pytest.mark.django_db

STRUCTURES = "/api/v1/data-inclusion/structures"
SERVICES = "/api/v1/data-inclusion/services"


def get(client: Client, url: str, **params: Any) -> dict[str, Any]:
    response = client.get(url, params)
    assert response.status_code == 200, response.content.decode()
    return response.json()


def test_it_exports_published_structures_only_each_valid_against_the_schema(client: Client) -> None:
    visible = StructureFactory(name="Ligue contre le cancer 29", siret="")
    StructureFactory(name="En attente", status=PublicationStatus.DRAFT)
    StructureFactory(name="Retirée", status=PublicationStatus.DELISTED)

    body = get(client, STRUCTURES)

    assert body["count"] == 1
    [record] = body["results"]
    validate_structure(record)
    assert record["id"] == str(visible.uuid)
    assert record["source"] == "annuaire-sos"
    assert record["nom"] == "Ligue contre le cancer 29"
    assert record["code_insee"] == visible.commune_id


def test_it_exports_one_service_per_published_offer_and_place(client: Client) -> None:
    structure = StructureFactory()
    brest = PlaceFactory(structure=structure, commune=commune(BREST), postal_code="29200")
    quimper = PlaceFactory(structure=structure, commune=commune(QUIMPER), postal_code="29000")
    offer = OfferFactory(structure=structure, places=[brest, quimper])
    OfferFactory(structure=structure, status=PublicationStatus.DRAFT)
    OfferFactory(structure=StructureFactory(status=PublicationStatus.DELISTED))

    body = get(client, SERVICES)

    assert body["count"] == 2
    for record in body["results"]:
        validate_service(record)
        assert record["structure_id"] == str(structure.uuid)
    assert {r["id"] for r in body["results"]} == {f"{offer.uuid}--{brest.uuid}", f"{offer.uuid}--{quimper.uuid}"}
    assert {r["code_insee"] for r in body["results"]} == {BREST, QUIMPER}


def test_it_describes_cost_audience_and_modalities_in_the_schema_vocabulary(client: Client) -> None:
    OfferFactory(
        title="Sophrologie en groupe",
        subcategory_codes=["sophrologie"],
        structure=StructureFactory(kind="ligue"),
        cost=Cost.PARTLY_PAID,
        cost_amount=10,
        audiences=[Audience.RELATIVES],
        age_groups=[AgeGroup.AJA],
        modalities=[Modality.ON_SITE, Modality.REMOTE, Modality.AT_HOME],
        formats=["collectif"],
        how_to_access="Sur rendez-vous.",
    )

    [record] = get(client, SERVICES)["results"]

    validate_service(record)
    assert record["frais"] == "payant"
    assert record["frais_precisions"].startswith("Reste à charge : 10,00 €")
    assert record["publics"] == ["familles", "jeunes"]
    assert record["modes_accueil"] == ["a-distance", "en-presentiel"]
    assert record["type"] is None  # the schema's "atelier" is about returning to work
    assert "Possible au domicile de la personne." in record["mobilisation_precisions"]
    assert record["thematiques"] == ["remobilisation--bien-etre-confiance-en-soi"]
    assert "jamais un remplacement" in record["description"]


def test_it_maps_every_category_of_the_default_taxonomy_to_health_or_social_thematiques() -> None:
    for category in Category.objects.all():
        assert category.code in mapping.CATEGORY_THEMATIQUES, category.code
    known_subcategories = set(SubCategory.objects.values_list("code", flat=True))
    assert set(mapping.SUBCATEGORY_THEMATIQUES) <= known_subcategories
    assert mapping.thematiques("nouvelle-categorie", []) == [Thematique.SANTE__ACCES_AUX_SOINS]


def test_publics_are_specific_only_when_the_offer_is_restricted() -> None:
    assert mapping.publics([Audience.PATIENTS], []) == [Public.TOUS_PUBLICS]
    assert mapping.publics([Audience.PATIENTS, Audience.RELATIVES], [AgeGroup.ADULTS, AgeGroup.AJA]) == [
        Public.TOUS_PUBLICS
    ]
    assert mapping.publics([Audience.PATIENTS], [AgeGroup.ELDERLY]) == [Public.SENIORS]
    assert mapping.publics([Audience.RELATIVES], []) == [Public.FAMILLES]
    assert mapping.frais(Cost.COVERED) == Frais.GRATUIT
    assert mapping.modes_accueil([Modality.AT_HOME]) == []
    assert mapping.modes_accueil([Modality.ON_SITE]) == [ModeAccueil.EN_PRESENTIEL]


def test_an_optional_value_the_schema_refuses_is_dropped_not_exported_broken(client: Client) -> None:
    StructureFactory(email="contact@localhost", website="https://exemple.fr")

    [record] = get(client, STRUCTURES)["results"]

    validate_structure(record)
    assert record["courriel"] is None
    assert record["site_web"] == "https://exemple.fr/"


def test_it_paginates_with_page_and_taille(client: Client) -> None:
    for _ in range(5):
        StructureFactory()

    first = get(client, STRUCTURES, taille=2)
    last = get(client, STRUCTURES, taille=2, page=3)

    assert first["count"] == 5
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert first["next"].endswith("?page=2&taille=2")
    assert len(last["results"]) == 1
    assert last["next"] is None
    assert last["previous"].endswith("?page=2&taille=2")
    assert get(client, STRUCTURES, page=9)["results"] == []


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"taille": "251"}, {"taille": ["La taille de page doit être un nombre entier entre 1 et 250."]}),
        ({"taille": "0"}, {"taille": ["La taille de page doit être un nombre entier entre 1 et 250."]}),
        ({"page": "deux"}, {"page": ["Le numéro de page doit être un nombre entier supérieur ou égal à 1."]}),
    ],
)
def test_bad_paging_is_a_clear_400(client: Client, params: dict[str, str], errors: dict[str, list[str]]) -> None:
    response = client.get(SERVICES, params)
    assert response.status_code == 400
    body = response.json()
    assert body["erreurs"] == errors
    assert body["message"].startswith("Certains paramètres de la requête sont invalides.")


@pytest.mark.parametrize("url", [STRUCTURES, SERVICES])
def test_a_bad_taille_is_a_french_400_with_the_api_error_shape(client: Client, url: str) -> None:
    response = client.get(url, {"taille": "beaucoup"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "erreurs": {"taille": ["La taille de page doit être un nombre entier entre 1 et 250."]},
        "message": "Certains paramètres de la requête sont invalides. "
        "La taille de page doit être un nombre entier entre 1 et 250.",
    }


@pytest.mark.parametrize("url", [STRUCTURES, SERVICES])
def test_the_lists_answer_304_when_nothing_changed(client: Client, url: str) -> None:
    offer = OfferFactory(title="Yoga adapté")

    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert first["Last-Modified"]

    unchanged = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged["ETag"] == etag

    offer.title = "Yoga doux"
    offer.save()
    offer.structure.name = "Ligue contre le cancer 35"
    offer.structure.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_page_past_the_last_one_is_empty_and_leads_back_to_the_last(client: Client) -> None:
    for _ in range(3):
        StructureFactory()

    body = get(client, STRUCTURES, taille=2, page=5)

    assert body["results"] == []
    assert body["next"] is None
    assert body["previous"].endswith("?page=2&taille=2")


def test_it_lists_services_in_a_constant_number_of_queries(client: Client, django_assert_num_queries: Any) -> None:
    OfferFactory(subcategory_codes=["yoga", "pilates"])
    # count, page, sub-categories, places, their communes, départements,
    # communes around the places (eligibility zones)
    with django_assert_num_queries(7):
        assert get(client, SERVICES)["count"] == 1
    for _ in range(6):
        OfferFactory(subcategory_codes=["yoga", "pilates"])
    with django_assert_num_queries(7):
        assert get(client, SERVICES)["count"] == 7
    with django_assert_num_queries(0):  # unchanged data: the answer comes from the cache
        assert get(client, SERVICES)["count"] == 7
    with django_assert_num_queries(2):  # count, page
        assert get(client, STRUCTURES)["count"] == 7
