"""The printable orientation sheet a professional gives to a patient."""

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from annuaire.directory.enums import Cost, PublicationStatus, StructureKind
from annuaire.www.views.orientation import MAX_OFFERS, parse_offer_ids
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, commune

pytestmark = pytest.mark.django_db

URL = "/fiche-orientation/"
NO_LONGER_AVAILABLE = "Une offre demandée n'est plus disponible"


def sheet(client: Client, query: str = "") -> str:
    response = client.get(f"{URL}?{query}" if query else URL)
    assert response.status_code == 200, response.status_code
    return response.content.decode().replace("&#x27;", "'").replace("&nbsp;", " ").replace("\xa0", " ")


def test_it_puts_each_chosen_offer_on_one_printable_page(client: Client) -> None:
    diet = OfferFactory(
        title="Consultation diététique",
        structure=StructureFactory(name="Hôpital de Brest", commune=commune(BREST), postal_code="29200"),
        subcategory_codes=["consultation-dieteticien"],
        how_to_access="Sur prescription médicale.",
        contact_phone="02 98 11 22 33",
        appointment_delay_days=7,
        cost=Cost.PARTLY_PAID,
        cost_amount=Decimal("12.50"),
    )
    walk = OfferFactory(title="Marche nordique", subcategory_codes=["marche-nordique"], commune=commune(QUIMPER))
    html = sheet(client, f"offre={walk.pk}&offre={diet.pk}")
    for expected in [
        "Fiche d'orientation",
        "Fiche établie le",
        "Proposé par :",
        "n'est pas un label",
        "Hôpital de Brest",
        diet.subcategories.get().label,
        "29200 Brest",
        "Quimper",
        "Sur prescription médicale.",
        'href="tel:0298112233"',
        "Rendez-vous habituellement sous 7 jours",
        "Il reste 12,50 € à payer par vous.",
        "Gratuit : vous n'avez rien à payer.",
        "Imprimer cette fiche",
        "utilisez la commande Imprimer de votre navigateur",
        diet.get_absolute_url(),
    ]:
        assert expected in html, expected
    assert html.index("Marche nordique") < html.index("Consultation diététique"), "the order chosen is kept"
    assert "preuve scientifique" not in html
    assert NO_LONGER_AVAILABLE not in html


def test_it_also_accepts_comma_separated_ids_and_ignores_duplicates(client: Client) -> None:
    first, second = OfferFactory(title="Première offre"), OfferFactory(title="Seconde offre")
    html = sheet(client, f"offre={first.pk},{second.pk}&offre={first.pk}")
    assert html.count("<h2>Première offre</h2>") == 1
    assert "<h2>Seconde offre</h2>" in html


def test_it_adds_the_psnc_notice_only_when_a_non_conventional_practice_is_on_the_sheet(client: Client) -> None:
    sophrology = OfferFactory(
        title="Sophrologie", structure=StructureFactory(kind=StructureKind.LIGUE), subcategory_codes=["sophrologie"]
    )
    psychologist = OfferFactory(title="Psychologue")
    without = sheet(client, f"offre={psychologist.pk}")
    assert "preuve scientifique" not in without and "jamais un remplacement" not in without
    with_psnc = sheet(client, f"offre={psychologist.pk}&offre={sophrology.pk}")
    assert "n'ont pas (encore) fait la preuve scientifique de leur efficacité" in with_psnc
    assert "un complément, jamais un remplacement de vos traitements" in with_psnc


def test_it_ignores_unpublished_and_unknown_offers_with_a_french_message(client: Client) -> None:
    visible = OfferFactory(title="Offre visible")
    draft = OfferFactory(title="Offre en brouillon", status=PublicationStatus.DRAFT)
    html = sheet(client, f"offre={visible.pk}&offre={draft.pk}")
    assert "Offre visible" in html
    assert "Offre en brouillon" not in html
    assert NO_LONGER_AVAILABLE in html
    html = sheet(client, f"offre={visible.pk}&offre=987654&offre={draft.pk}")
    assert "2 offres demandées ne sont plus disponibles" in html


def test_it_explains_non_numeric_ids_in_french_without_failing(client: Client) -> None:
    offer = OfferFactory(title="Offre visible")
    html = sheet(client, f"offre=abc&offre={offer.pk}&offre=%3Cscript%3E&offre=-3&offre=1e5&offre=%D9%A3")
    assert "Offre visible" in html
    assert "Numéros d'offre non reconnus" in html
    assert "<script>" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    huge = sheet(client, "offre=" + "9" * 40)
    assert "Numéro d'offre non reconnu" in huge
    assert "Comment préparer une fiche d'orientation ?" in huge


def test_without_any_offer_it_explains_how_to_choose_offers_from_the_search(client: Client) -> None:
    html = sheet(client)
    assert "Comment préparer une fiche d'orientation ?" in html
    assert "Ajouter à la fiche" in html
    assert 'href="/"' in html
    assert "Proposé par :" not in html
    assert NO_LONGER_AVAILABLE not in html


def test_it_keeps_at_most_twenty_offers() -> None:
    ids = [str(n) for n in range(1, 30)]
    parsed = parse_offer_ids(ids)
    assert parsed.ids == list(range(1, MAX_OFFERS + 1))
    assert parsed.truncated


def test_it_says_when_offers_beyond_twenty_were_left_out(client: Client) -> None:
    offers = [OfferFactory(title=f"Offre numéro {n:02d}") for n in range(MAX_OFFERS + 1)]
    html = sheet(client, "&".join(f"offre={offer.pk}" for offer in offers))
    assert html.count('class="sheet-offer card"') == MAX_OFFERS
    assert "Offre numéro 20" not in html
    assert "au plus 20 offres" in html


def test_it_offers_to_remove_an_offer_from_the_sheet(client: Client) -> None:
    first, second = OfferFactory(title="Première"), OfferFactory(title="Seconde")
    html = sheet(client, f"offre={first.pk}&offre={second.pk}")
    assert f'href="/fiche-orientation/?offre={second.pk}"' in html
    assert f'href="/fiche-orientation/?offre={first.pk}"' in html


def test_it_builds_the_sheet_in_a_constant_number_of_queries(client: Client, django_assert_num_queries: Any) -> None:
    offers = []
    for n, code in enumerate(["consultation-psychologue", "consultation-dieteticien", "marche-nordique", "yoga"]):
        offer = OfferFactory(subcategory_codes=[code], title=f"Offre {n}")
        offer.places.add(PlaceFactory(structure=offer.structure, commune=commune(BREST)))
        offers.append(offer)
    query = "&".join(f"offre={offer.pk}" for offer in offers)
    # offers (+ structures, categories), sub-categories, places (+ communes)
    with django_assert_num_queries(3):
        sheet(client, query)
    with django_assert_num_queries(0):
        sheet(client, "offre=abc")
