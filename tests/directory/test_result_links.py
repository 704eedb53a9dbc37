"""A page of offers read in one query gives each offer's sub-categories and places as the ORM
reads them (the API's and FHIR's search pages, docs/adr/0046)."""

from typing import Any

import pytest

from annuaire.directory.models import Offer, Place
from annuaire.directory.result_links import read_page
from annuaire.taxonomy.models import SubCategory
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, RENNES, commune

pytestmark = pytest.mark.django_db

EVERY_PLACE_FIELD = (
    "pk", "uuid", "name", "address_line", "address_complement", "postal_code", "phone", "lat", "lng", "updated_at",
    "commune__code", "commune__name", "commune__departement_id", "commune__departement__region_id",
)  # fmt: skip


def test_each_offer_has_its_places_by_id_with_the_values_the_orm_reads() -> None:
    structure = StructureFactory()
    places = [
        PlaceFactory(structure=structure, commune=commune(code), phone="02 98 00 00 00") for code in (BREST, RENNES)
    ]
    Place.objects.filter(pk=places[0].pk).update(lat=48.11729876543211, lng=-1.6800000000000002)
    unlocated = PlaceFactory(structure=structure, commune=commune(QUIMPER))
    Place.objects.filter(pk=unlocated.pk).update(lat=None, lng=None)
    offer = OfferFactory(structure=structure, places=[unlocated, *reversed(places)])
    bare = OfferFactory(structure=structure, places=[])

    page = read_page(Offer.objects.filter(pk__in=[offer.pk, bare.pk]).order_by("pk"), ["title"], EVERY_PLACE_FIELD)

    expected = list(Place.objects.filter(offers=offer).order_by("pk").values_list(*EVERY_PLACE_FIELD))
    assert page.places[offer.pk] == expected
    assert len(expected) == 3 and expected[0][7] == 48.11729876543211
    assert page.places[bare.pk] == []
    assert [row["title"] for row in page.offers] == [offer.title, bare.title]


def test_each_offer_has_its_sub_categories_in_the_taxonomys_order() -> None:
    codes = ["yoga", "consultation-psychologue", "hypnose", "consultation-dieteticien"]
    offer = OfferFactory(subcategory_codes=codes)
    other = OfferFactory(subcategory_codes=["hypnose"])

    page = read_page(Offer.objects.filter(pk__in=[offer.pk, other.pk]).order_by("pk"), [], ["pk"])

    assert (
        page.subcategories[offer.pk]
        == list(offer.subcategories.all())
        != [SubCategory.objects.get(code=c) for c in codes]
    )
    assert [sub.code for sub in page.subcategories[other.pk]] == ["hypnose"]


def test_places_are_read_with_their_id_first() -> None:
    with pytest.raises(ValueError):
        read_page(Offer.objects.all(), [], ["name", "pk"])


def test_an_empty_page_reads_nothing(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        page = read_page(Offer.objects.filter(pk=-1), [], ["pk"])
    assert page.offers == [] and page.places == {} and page.subcategories == {}
