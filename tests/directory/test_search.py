"""The public search: published offers only, each filter, distances."""

import pytest

from annuaire.core.geodesy import Point, haversine_km
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.search import SearchCriteria
from annuaire.www.forms import SearchForm
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


def test_it_filters_by_departement_of_the_place() -> None:
    OfferFactory(title="Finistère", commune=commune(BREST))
    OfferFactory(title="Ille-et-Vilaine", commune=commune(RENNES))
    assert search(departement="29") == ["Finistère"]


@pytest.mark.parametrize(
    ("parameter", "field", "wanted", "other"),
    [
        ("public", "audiences", "proches", "patients"),
        ("age", "age_groups", "aja", "adultes"),
        ("lieu", "care_settings", "domicile", "etablissement"),
        ("phase", "phases", "apres-traitement", "traitement"),
        ("acces", "access", "non-suivis", "suivis-etablissement"),
    ],
)
def test_each_refinement_keeps_offers_holding_one_of_the_chosen_codes(
    parameter: str, field: str, wanted: str, other: str
) -> None:
    OfferFactory(title="Oui", **{field: [wanted, other]})
    OfferFactory(title="Non", **{field: [other]})
    OfferFactory(title="Vide", **{field: []})
    assert search(**{parameter: wanted}) == ["Oui"]
    assert search(**{parameter: f"{wanted},{other}"}) == ["Non", "Oui"]


def test_a_code_that_contains_another_code_does_not_match_it() -> None:
    OfferFactory(title="HAD", access=["had"])
    OfferFactory(title="Suivis", access=["suivis-etablissement"])
    assert search(acces="had") == ["HAD"]


def test_it_keeps_only_the_parcours_global_when_asked() -> None:
    OfferFactory(title="Parcours", parcours_global=True)
    OfferFactory(title="Hors parcours")
    assert search(parcours="on") == ["Parcours"]


def test_free_only_keeps_offers_with_nothing_to_pay() -> None:
    OfferFactory(title="Gratuit", cost="gratuit")
    OfferFactory(title="Remboursé", cost="pris-en-charge")
    OfferFactory(title="Payant", cost="reste-a-charge", cost_amount=30)
    assert search(gratuit="1") == ["Gratuit", "Remboursé"]


def test_an_offer_with_two_places_appears_once_at_its_nearest_distance() -> None:
    from tests.directory.factories import PlaceFactory

    offer = OfferFactory(title="Deux sites", commune=commune(RENNES))
    offer.places.add(PlaceFactory(structure=offer.structure, commune=commune(QUIMPER)))
    from annuaire.directory.models import Offer

    form = SearchForm({"commune": "Quimper", "rayon": "300"})
    assert form.is_valid()
    results = list(Offer.objects.search(form.criteria()))
    assert [o.title for o in results] == ["Deux sites"]
    assert results[0].distance_km < 3


def test_unknown_codes_are_clear_errors() -> None:
    form = SearchForm({"categorie": "magie", "public": "martiens", "departement": "99"})
    assert not form.is_valid()
    assert form.errors["categorie"] == ["Type de soin inconnu : « magie »."]
    assert form.errors["public"][0].startswith("Valeur inconnue : martiens.")
    assert form.errors["departement"] == ["Département inconnu : « 99 »."]


def test_a_sub_category_outside_the_chosen_category_is_an_error() -> None:
    form = SearchForm({"categorie": "nutrition", "sous_categorie": "yoga"})
    assert not form.is_valid()
    assert "ne fait pas partie" in form.errors["sous_categorie"][0]


def test_a_radius_out_of_bounds_is_an_error() -> None:
    assert not SearchForm({"commune": "Rennes", "rayon": "0"}).is_valid()
    assert not SearchForm({"commune": "Rennes", "rayon": "5000"}).is_valid()
    assert SearchForm({"commune": "Rennes", "rayon": "12,5"}).is_valid()
