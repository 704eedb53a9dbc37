"""`GET /api/v1/offres`: the shape of each result, distances, public pages."""

from datetime import date
from decimal import Decimal

import pytest

from annuaire.directory.enums import Cost, PublicationStatus
from tests.api.helpers import get
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.geo.factories import BREST, RENNES, commune

pytestmark = pytest.mark.django_db


def test_it_lists_only_offers_published_by_published_structures() -> None:
    OfferFactory(title="Visible")
    OfferFactory(title="Brouillon", status=PublicationStatus.DRAFT)
    OfferFactory(title="En validation", status=PublicationStatus.REGIONAL_REVIEW)
    OfferFactory(title="Structure retirée", structure=StructureFactory(status=PublicationStatus.DELISTED))
    assert [r["nom"] for r in get("/api/v1/offres")["results"]] == ["Visible"]


def test_it_describes_each_offer_with_french_field_names() -> None:
    offer = OfferFactory(
        title="Consultation diététique",
        subcategory_codes=["consultation-dieteticien"],
        commune=commune(BREST),
        cost=Cost.PARTLY_PAID,
        cost_amount=Decimal("15.50"),
        cost_details="Première séance offerte",
        last_verified_at=date(2026, 3, 1),
        schedule="Le mardi",
        contact_phone="02 98 00 00 00",
    )
    result = get("/api/v1/offres")["results"][0]
    place = offer.places.get()
    assert result["id"] == offer.pk
    assert result["uuid"] == str(offer.uuid)
    assert result["nom"] == "Consultation diététique"
    assert result["categorie"] == "nutrition"
    assert result["sous_categories"] == ["consultation-dieteticien"]
    assert result["structure"] == {"id": offer.structure.pk, "nom": offer.structure.name, "type": "association"}
    assert result["commune"] == {"code_insee": BREST, "nom": "Brest"}
    assert result["departement"] == "29"
    assert (result["lat"], result["lng"]) == (place.lat, place.lng)
    assert result["distance_km"] is None
    assert result["reste_a_charge"] == {
        "code": "reste-a-charge",
        "libelle": "Reste à charge : 15,50 €",
        "montant": 15.5,
        "precisions": "Première séance offerte",
    }
    assert result["derniere_verification"] == "2026-03-01"
    assert result["url"] == f"http://testserver{offer.get_absolute_url()}"
    assert result["publics"] == ["patients"]
    assert result["horaires"] == "Le mardi"
    assert result["telephone"] == "02 98 00 00 00"
    assert result["lieux"] == [
        {
            "id": place.pk,
            "nom": place.name,
            "adresse": place.address_line,
            "complement_adresse": "",
            "code_postal": place.postal_code,
            "commune": {"code_insee": BREST, "nom": "Brest"},
            "departement": "29",
            "lat": place.lat,
            "lng": place.lng,
            "telephone": "",
        }
    ]
    for field in [
        "description",
        "ages",
        "lieux_de_prise_en_charge",
        "phases",
        "acces",
        "formats",
        "modalites",
        "parcours_global",
        "comment_y_acceder",
        "delai_rendez_vous_jours",
        "email",
        "modifie_le",
    ]:
        assert field in result


def test_it_gives_the_distance_from_the_searched_commune_rennes_to_brest_is_about_210_km() -> None:
    OfferFactory(title="À Brest", commune=commune(BREST))
    result = get("/api/v1/offres", commune=RENNES, rayon="300")["results"][0]
    assert 205 < result["distance_km"] < 215
    assert result["distance_km"] == round(result["distance_km"], 1)


def test_it_shows_the_place_nearest_to_the_searched_commune() -> None:
    structure = StructureFactory()
    brest = PlaceFactory(structure=structure, commune=commune(BREST), name="Brest")
    rennes = PlaceFactory(structure=structure, commune=commune(RENNES), name="Rennes")
    OfferFactory(structure=structure, places=[brest, rennes])
    near_rennes = get("/api/v1/offres", code_postal="35000")["results"][0]
    assert near_rennes["commune"]["nom"] == "Rennes"
    assert near_rennes["distance_km"] < 5
    near_brest = get("/api/v1/offres", commune=BREST)["results"][0]
    assert near_brest["commune"]["nom"] == "Brest"
    assert [p["nom"] for p in near_brest["lieux"]] == ["Brest", "Rennes"]


def test_it_gives_one_published_offer_in_detail() -> None:
    offer = OfferFactory(title="Sophrologie")
    detail = get(f"/api/v1/offres/{offer.pk}")
    assert detail["nom"] == "Sophrologie"
    assert detail["id"] == offer.pk
    assert detail["distance_km"] is None
