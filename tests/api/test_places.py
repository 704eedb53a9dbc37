"""`GET /api/v1/lieux`: places of published structures carrying at least one published offer."""

import pytest

from annuaire.directory.enums import PublicationStatus
from tests.api.helpers import get
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.geo.factories import BREST, commune

pytestmark = pytest.mark.django_db


def test_it_lists_only_places_with_a_published_offer() -> None:
    shown = OfferFactory()
    OfferFactory(status=PublicationStatus.DRAFT)
    OfferFactory(structure=StructureFactory(status=PublicationStatus.DELISTED))
    PlaceFactory(name="Lieu sans offre")
    results = get("/api/v1/lieux")["results"]
    assert [p["id"] for p in results] == [shown.places.get().pk]


def test_it_describes_a_place_with_its_structure_and_offers() -> None:
    offer = OfferFactory(commune=commune(BREST))
    OfferFactory(status=PublicationStatus.DRAFT, structure=offer.structure, places=list(offer.places.all()))
    place = offer.places.get()
    data = get(f"/api/v1/lieux/{place.pk}")
    assert data["nom"] == place.name
    assert data["structure"] == {"id": offer.structure.pk, "nom": offer.structure.name, "type": "association"}
    assert data["commune"] == {"code_insee": BREST, "nom": "Brest"}
    assert data["departement"] == "29"
    assert data["offres"] == [offer.pk]
    assert data["uuid"] == str(place.uuid)


def test_it_filters_by_departement_and_structure() -> None:
    brest = OfferFactory(commune=commune(BREST))
    rennes = OfferFactory()
    assert [p["id"] for p in get("/api/v1/lieux", departement="29")["results"]] == [brest.places.get().pk]
    assert [p["id"] for p in get("/api/v1/lieux", structure=str(rennes.structure.pk))["results"]] == [
        rennes.places.get().pk
    ]
