"""`GET /api/v1/structures`: published structures, public fields, filters."""

from datetime import timedelta

import pytest
from django.utils import timezone

from annuaire.directory.enums import PublicationStatus, StructureKind
from annuaire.directory.models import Structure
from tests.api.helpers import get
from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import BREST, commune

pytestmark = pytest.mark.django_db


def names(**params: str) -> list[str]:
    return [s["nom"] for s in get("/api/v1/structures", **params)["results"]]


def test_it_lists_only_published_structures() -> None:
    StructureFactory(name="Publiée")
    StructureFactory(name="Brouillon", status=PublicationStatus.DRAFT)
    StructureFactory(name="Retirée", status=PublicationStatus.DELISTED)
    assert names() == ["Publiée"]


def test_it_gives_public_contacts_and_the_ids_of_published_offers_only() -> None:
    structure = StructureFactory(name="Ligue 29", kind=StructureKind.LIGUE, commune=commune(BREST), postal_code="29200")
    visible = OfferFactory(structure=structure)
    OfferFactory(structure=structure, status=PublicationStatus.DRAFT)
    data = get(f"/api/v1/structures/{structure.pk}")
    assert data["nom"] == "Ligue 29"
    assert data["type"] == "ligue"
    assert data["type_libelle"] == "Comité de la Ligue contre le cancer"
    assert data["commune"] == {"code_insee": BREST, "nom": "Brest"}
    assert data["departement"] == "29"
    assert data["code_postal"] == "29200"
    assert data["telephone"] == structure.phone
    assert data["offres"] == [visible.pk]
    assert data["lieux"] == [visible.places.get().pk]  # the draft offer's place is not public
    assert data["url"] == f"http://testserver{structure.get_absolute_url()}"


def test_it_filters_by_departement_type_and_modification_date() -> None:
    StructureFactory(name="MSP de Brest", kind=StructureKind.MSP, commune=commune(BREST))
    old = StructureFactory(name="Association de Rennes")
    Structure.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=30))
    assert names(departement="29") == ["MSP de Brest"]
    assert names(type="association") == ["Association de Rennes"]
    assert names(modifie_depuis=(timezone.now() - timedelta(days=1)).date().isoformat()) == ["MSP de Brest"]
