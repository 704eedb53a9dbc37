"""One definition of a public place everywhere: a place where a published offer is delivered.
The structure page, /api/v1/structures and /api/v1/lieux agree."""

import pytest
from django.test import Client
from django.urls import reverse

from annuaire.directory.enums import PublicationStatus
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places() -> dict[str, object]:
    structure = StructureFactory(name="Centre de soins de support")
    public = PlaceFactory(structure=structure, name="Site public de Rennes")
    draft_only = PlaceFactory(structure=structure, name="Site aux offres en brouillon")
    empty = PlaceFactory(structure=structure, name="Site sans offre")
    OfferFactory(structure=structure, places=[public])
    OfferFactory(structure=structure, places=[draft_only], status=PublicationStatus.DRAFT)
    return {"structure": structure, "public": public, "draft_only": draft_only, "empty": empty}


def test_the_structure_api_lists_only_the_public_places(client: Client, places: dict[str, object]) -> None:
    structure = places["structure"]
    listed = client.get(reverse("api:structures")).json()["results"][0]["lieux"]
    detail = client.get(reverse("api:structure", kwargs={"pk": structure.pk})).json()["lieux"]  # type: ignore[attr-defined]
    assert listed == detail == [places["public"].pk]  # type: ignore[attr-defined]


def test_every_listed_place_has_its_own_page_in_the_api(client: Client, places: dict[str, object]) -> None:
    for place in ("public", "draft_only", "empty"):
        pk = places[place].pk  # type: ignore[attr-defined]
        listed_in_places = pk in [p["id"] for p in client.get(reverse("api:places")).json()["results"]]
        has_a_page = client.get(reverse("api:place", kwargs={"pk": pk})).status_code == 200
        assert listed_in_places == has_a_page == (place == "public"), place


def test_the_structure_page_shows_only_the_public_places(client: Client, places: dict[str, object]) -> None:
    html = client.get(places["structure"].get_absolute_url()).content.decode()  # type: ignore[attr-defined]
    assert "Site public de Rennes" in html
    assert "Site aux offres en brouillon" not in html and "Site sans offre" not in html
