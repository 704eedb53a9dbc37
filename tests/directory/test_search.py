"""The public search: published offers only, each filter, distances."""

import pytest

from annuaire.core.geodesy import Point, haversine_km
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.search import SearchCriteria, SearchForm
from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, RENNES, commune

pytestmark = pytest.mark.django_db


def search(**params: str) -> list[str]:
    from annuaire.directory.models import Offer

    form = SearchForm(params)
    assert form.is_valid(), form.errors
    return [offer.title for offer in Offer.objects.search(form.criteria())]


def test_rennes_brest_is_about_210_km_as_the_crow_flies() -> None:
    rennes, brest = commune(RENNES), commune(BREST)
    assert 205 < haversine_km(Point(rennes.lat, rennes.lng), Point(brest.lat, brest.lng)) < 215


def test_it_lists_only_offers_published_by_published_structures() -> None:
    OfferFactory(title="Visible")
    OfferFactory(title="Brouillon", status=PublicationStatus.DRAFT)
    OfferFactory(title="Structure retirée", structure=StructureFactory(status=PublicationStatus.DELISTED))
    assert search() == ["Visible"]


def test_with_a_commune_it_sorts_by_distance_within_the_radius() -> None:
    OfferFactory(title="À Brest", commune=commune(BREST))
    OfferFactory(title="À Quimper", commune=commune(QUIMPER))
    OfferFactory(title="À Rennes", commune=commune(RENNES))
    assert search(commune="29000", rayon="100") == ["À Quimper", "À Brest"]
    assert search(commune="Quimper", rayon="300") == ["À Quimper", "À Brest", "À Rennes"]


def test_it_filters_by_category_and_subcategory() -> None:
    OfferFactory(title="Diététique", subcategory_codes=["consultation-dieteticien"])
    OfferFactory(title="Psychologue")
    assert search(categorie="nutrition") == ["Diététique"]
    assert search(sous_categorie="consultation-psychologue") == ["Psychologue"]


def test_free_text_ignores_accents_and_case() -> None:
    OfferFactory(title="Atelier de diététique", subcategory_codes=["consultation-dieteticien"])
    OfferFactory(title="Yoga")
    assert search(q="DIETETIQUE") == ["Atelier de diététique"]


def test_an_unknown_commune_is_a_clear_error() -> None:
    form = SearchForm({"commune": "Atlantide"})
    assert not form.is_valid()
    assert "Nous ne trouvons pas la commune" in form.errors["commune"][0]


def test_a_radius_that_is_not_a_number_is_a_clear_error() -> None:
    form = SearchForm({"commune": "Rennes", "rayon": "loin"})
    assert not form.is_valid()
    assert form.errors["rayon"] == ["La distance doit être un nombre de kilomètres, par exemple 20."]


def test_criteria_default_to_twenty_km_around_a_commune() -> None:
    form = SearchForm({"commune": "Rennes"})
    assert form.is_valid()
    assert form.criteria() == SearchCriteria(commune=commune(RENNES), radius_km=20.0)
