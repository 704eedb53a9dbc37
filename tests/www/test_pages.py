"""Public offer and structure pages, information pages."""

import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils.text import slugify

from annuaire.directory.enums import (
    AgeGroup,
    Audience,
    CareSetting,
    Cost,
    GroupFormat,
    Modality,
    Phase,
    PublicationStatus,
    StructureKind,
)
from annuaire.directory.models import Offer
from annuaire.taxonomy.models import Category
from annuaire.www.glossary import ABBREVIATIONS
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, commune
from tests.www.assets import asset_addresses, external_assets

pytestmark = pytest.mark.django_db

NOT_A_LABEL = "n'est pas un label"
PSNC_NOTICE = "Cette pratique n'a pas (encore) fait la preuve scientifique de son efficacité."


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode().replace("&nbsp;", " ")


def full_offer(**kwargs: Any) -> Offer:
    structure = StructureFactory(
        name="Centre Hospitalier de Brest",
        kind=StructureKind.ETABLISSEMENT_SANTE,
        commune=commune(BREST),
        postal_code="29200",
        phone="02 98 00 00 00",
        secure_messaging="soins-support@chu-brest.mssante.fr",
        finess="290000017",
        referent_first_name="Josiane",
        referent_last_name="Kerbrat",
        referent_email="j.kerbrat@example.org",
        referent_phone="06 11 22 33 44",
    )
    defaults: dict[str, Any] = {
        "structure": structure,
        "title": "Consultation diététique",
        "subcategory_codes": ["consultation-dieteticien"],
        "description": "Une diététicienne vous aide à garder des forces.",
        "audiences": [Audience.PATIENTS, Audience.RELATIVES],
        "age_groups": [AgeGroup.ADULTS, AgeGroup.ELDERLY],
        "phases": [Phase.TREATMENT, Phase.AFTER],
        "care_settings": [CareSetting.ESTABLISHMENT],
        "modalities": [Modality.ON_SITE, Modality.REMOTE],
        "formats": [GroupFormat.INDIVIDUAL],
        "how_to_access": "Sur rendez-vous, avec une prescription de votre médecin.",
        "appointment_delay_days": 10,
        "schedule": "Du lundi au vendredi, 9 h – 17 h",
        "contact_phone": "02 98 11 22 33",
        "contact_email": "dietetique@example.org",
        "cost": Cost.PARTLY_PAID,
        "cost_amount": Decimal("15.00"),
        "cost_details": "Remboursé par certaines mutuelles.",
    }
    defaults.update(kwargs)
    offer = OfferFactory(**defaults)
    place = offer.places.get()
    place.name, place.access_notes, place.wheelchair_accessible = "Hôpital Morvan", "Bus ligne 1, arrêt Morvan", True
    place.save()
    return offer


# Offer page


def test_it_shows_everything_a_patient_needs_on_the_offer_page(client: Client) -> None:
    offer = full_offer()
    html = page(client, offer.get_absolute_url())
    for expected in [
        "<h1",
        "Consultation diététique",
        "Prise en charge diététique et nutritionnelle",
        offer.subcategories.get().label,
        "Une diététicienne vous aide à garder des forces.",
        "Personnes malades, Proches et aidants",
        "Adultes, Personnes âgées",
        "Pendant les traitements, Après les traitements",
        "En établissement de santé",
        "Sur place, À distance (téléphone, visio)",
        "Individuel",
        "Sur rendez-vous, avec une prescription de votre médecin.",
        "Rendez-vous habituellement sous 10 jours",
        "Du lundi au vendredi",
        "Il reste 15 € à payer par vous.",
        "Remboursé par certaines mutuelles.",
        'href="tel:0298112233"',
        "mailto:dietetique@example.org",
        "soins-support@chu-brest.mssante.fr",
        "Pour les professionnels de santé",
        'Messagerie sécurisée de santé (<abbr title="messagerie sécurisée de santé">MSSanté</abbr>)',
        "Hôpital Morvan",
        "Bus ligne 1, arrêt Morvan",
        "Accessible en fauteuil roulant.",
        "29200 Brest",
        offer.structure.get_absolute_url(),
        "Établissement de santé",
        "Informations vérifiées le",
        NOT_A_LABEL,
        'action="/fiche-orientation/ajouter/"',
        "Imprimer",
    ]:
        assert expected in html, expected
    assert PSNC_NOTICE not in html


def test_it_shows_the_subcategory_plain_description(client: Client) -> None:
    offer = full_offer()
    description = offer.subcategories.get().description
    assert description
    assert description.replace("'", "&#x27;") in page(client, offer.get_absolute_url())


def test_it_explains_the_parcours_global_in_plain_words(client: Client) -> None:
    offer = OfferFactory(parcours_global=True, cost=Cost.FREE)
    html = page(client, offer.get_absolute_url())
    assert "Parcours de soins global après le traitement d&#x27;un cancer : sans frais" in html
    assert "jusqu&#x27;à 12 mois après la fin des traitements actifs" in html
    assert "Gratuit : vous n&#x27;avez rien à payer." in html


def test_it_warns_that_a_non_conventional_practice_is_a_complement_never_a_replacement(client: Client) -> None:
    offer = OfferFactory(
        structure=StructureFactory(kind=StructureKind.LIGUE),
        title="Séances de sophrologie",
        subcategory_codes=["sophrologie"],
        practitioner_qualification="Sophrologue certifiée RNCP",
    )
    html = page(client, offer.get_absolute_url()).replace("&#x27;", "'")
    assert PSNC_NOTICE in html
    assert "C'est un complément, jamais un remplacement de vos traitements." in html
    assert "Sophrologue certifiée RNCP" in html


def test_it_prints_the_map_data_only_for_javascript_and_keeps_addresses_as_text(client: Client) -> None:
    offer = full_offer()
    html = page(client, offer.get_absolute_url())
    assert 'id="carte-offre-data"' in html
    assert any(address.endswith("vendor/leaflet/leaflet.js") for address in asset_addresses(html))
    assert external_assets(html) == []
    assert 'data-place-map="carte-offre" hidden' in html


def test_it_hides_unpublished_offers_and_offers_of_unpublished_structures(client: Client) -> None:
    draft = OfferFactory(status=PublicationStatus.REGIONAL_REVIEW)
    delisted = OfferFactory(structure=StructureFactory(status=PublicationStatus.DELISTED))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(delisted.get_absolute_url()).status_code == 404
    assert client.get("/offres/999999-rien/").status_code == 404


def test_it_redirects_a_wrong_slug_to_the_canonical_offer_url(client: Client) -> None:
    offer = OfferFactory(title="Marche nordique à Quimper")
    response = client.get(f"/offres/{offer.pk}-ancien-titre/")
    assert response.status_code == 301
    assert response["Location"] == f"/offres/{offer.pk}-{slugify(offer.title)}/"


def test_it_renders_the_offer_page_in_a_constant_number_of_queries(
    client: Client, django_assert_num_queries: Any
) -> None:
    offer = full_offer(subcategory_codes=["consultation-dieteticien", "ateliers-nutrition-cuisine"])
    offer.places.add(PlaceFactory(structure=offer.structure, commune=commune(QUIMPER)))
    # offer (+ structure, category), sub-categories, places (+ communes), current notices
    with django_assert_num_queries(4):
        page(client, offer.get_absolute_url())


# Structure page


def test_it_shows_the_structure_its_places_and_its_published_offers_by_category(client: Client) -> None:
    offer = full_offer()
    OfferFactory(structure=offer.structure, title="Entretien avec une psychologue")
    OfferFactory(structure=offer.structure, title="Offre en brouillon", status=PublicationStatus.DRAFT)
    html = page(client, offer.structure.get_absolute_url())
    for expected in [
        "Centre Hospitalier de Brest",
        "Établissement de santé",
        "tel:0298000000",
        "soins-support@chu-brest.mssante.fr",
        "290000017",
        offer.structure.siret,
        "Hôpital Morvan",
        "<h3>Prise en charge diététique et nutritionnelle</h3>",
        "<h3>Prise en charge psychologique</h3>",
        offer.get_absolute_url(),
        "Entretien avec une psychologue",
        "Informations vérifiées le",
        NOT_A_LABEL,
        'id="carte-structure-data"',
    ]:
        assert expected in html, expected
    assert "Offre en brouillon" not in html
    assert html.index("diététique et nutritionnelle</h3>") < html.index("Prise en charge psychologique</h3>")


def test_it_never_shows_the_referent_personal_data(client: Client) -> None:
    offer = full_offer()
    html = page(client, offer.structure.get_absolute_url()) + page(client, offer.get_absolute_url())
    for personal in ["Josiane", "Kerbrat", "j.kerbrat@example.org", "06 11 22 33 44", "0611223344"]:
        assert personal not in html


def test_it_hides_an_unpublished_structure_and_redirects_a_wrong_slug(client: Client) -> None:
    hidden = StructureFactory(status=PublicationStatus.DELISTED)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    structure = StructureFactory(name="MSP de Quimper")
    response = client.get(f"/structures/{structure.pk}-autre-nom/")
    assert response.status_code == 301
    assert response["Location"] == structure.get_absolute_url()


def test_it_renders_the_structure_page_in_a_constant_number_of_queries(
    client: Client, django_assert_num_queries: Any
) -> None:
    structure = StructureFactory()
    for code in ["consultation-psychologue", "consultation-dieteticien", "seances-apa"]:
        OfferFactory(structure=structure, subcategory_codes=[code])
    # structure (+ commune), places (+ communes), offers (+ categories), their sub-categories
    with django_assert_num_queries(4):
        page(client, structure.get_absolute_url())


# Information pages


def test_it_explains_supportive_care_with_the_thirteen_categories_from_the_taxonomy(
    client: Client, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(2):
        html = page(client, "/soins-de-support/").replace("&#x27;", "'")
    assert "Les soins de support, qu'est-ce que c'est ?" in html
    categories = list(Category.objects.active())
    assert len(categories) == 13
    for category in categories:
        label = re.sub(r"\((\w+)\)", lambda m: f'(<abbr title="{ABBREVIATIONS[m[1]]}">{m[1]}</abbr>)', category.label)
        assert label.replace("'", "&#x27;").replace("&#x27;", "'") in html.replace("&#x27;", "'"), label
        assert category.description in html
    for expected in [
        "dès l'annonce du diagnostic",
        "gratuits",
        "Parcours de soins global après le traitement d'un cancer",
        "jamais un remplacement",
        "3C",
        "ERI",
        "médecin traitant",
    ]:
        assert expected in html, expected


def test_it_tells_who_runs_the_directory_and_how_structures_are_listed(client: Client, settings: Any) -> None:
    settings.NETWORK_NAME = "Oncobretagne"
    html = page(client, "/a-propos/").replace("&#x27;", "'")
    for expected in [
        "À propos de l'annuaire",
        "Oncobretagne",
        "Être présent dans l'annuaire n'est pas un label.",
        "et non des professionnels à titre individuel",
        "charte d'engagement",
        "un mois au plus",
        "deux mois",
        "SIREN de moins de 3 mois",
        'href="/donnees-ouvertes/"',
        'href="/api/v1/docs"',
    ]:
        assert expected in html, expected
