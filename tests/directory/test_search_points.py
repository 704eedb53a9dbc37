"""The search points (docs/adr/0044): one row per offer and place, with the offer's category
and the place's coordinates, kept by the database whatever writes the links, the offers and
the places, so that the search around a commune reads one index."""

import pytest
from django.db import connection

from annuaire.directory import search_points
from annuaire.directory.models import Offer, Place, SearchPoint
from annuaire.directory.search import make_criteria
from annuaire.taxonomy.models import Category
from tests.directory.factories import OfferFactory, PlaceFactory
from tests.geo.factories import BREST, QUIMPER, RENNES, commune

pytestmark = pytest.mark.django_db


Point = tuple[int, int, int, float | None, float | None, str]


def points() -> set[Point]:
    return set(SearchPoint.objects.values_list("offer_id", "place_id", "category_id", "lat", "lng", "departement_id"))


def from_the_links() -> set[Point]:
    """What the points must say: every link of an offer to a place, as the models say it."""
    return {
        (offer.pk, place.pk, offer.category_id, place.lat, place.lng, place.commune.departement_id)
        for offer in Offer.objects.prefetch_related("places__commune")
        for place in offer.places.all()
    }


@pytest.fixture
def offer() -> Offer:
    rennes, brest = PlaceFactory(commune=commune(RENNES)), PlaceFactory(commune=commune(BREST))
    return OfferFactory(places=[rennes, brest])


def test_an_offer_with_places_has_a_point_at_each(offer: Offer) -> None:
    OfferFactory(places=[])
    assert len(points()) == 2
    assert points() == from_the_links()


def test_a_place_added_or_removed_adds_or_removes_its_point(offer: Offer) -> None:
    quimper = PlaceFactory(commune=commune(QUIMPER))
    offer.places.add(quimper)
    assert points() == from_the_links()
    assert len(points()) == 3
    offer.places.remove(quimper)
    offer.places.remove(offer.places.get(commune__code=BREST))
    assert points() == from_the_links()
    assert len(points()) == 1
    offer.places.clear()
    assert points() == set()


def test_a_place_that_moves_moves_its_points(offer: Offer) -> None:
    place = offer.places.get(commune__code=BREST)
    other = OfferFactory(places=[place])
    place.lat, place.lng = 48.0, -4.1
    place.save()
    assert points() == from_the_links()
    Place.objects.filter(pk=place.pk).update(lat=None, lng=None)  # an update() too, unlocated
    assert points() == from_the_links()
    assert {(p[0], p[3]) for p in points() if p[1] == place.pk} == {(offer.pk, None), (other.pk, None)}


def test_a_place_that_changes_commune_changes_its_departement(offer: Offer) -> None:
    place = offer.places.get(commune__code=BREST)
    Place.objects.filter(pk=place.pk).update(commune=commune(RENNES))
    assert points() == from_the_links()
    assert {p[5] for p in points()} == {"35"}


def test_an_offer_that_changes_category_takes_its_points_along(offer: Offer) -> None:
    other = Category.objects.exclude(pk=offer.category_id).first()
    assert other is not None
    offer.category = other
    offer.save()
    assert {p[2] for p in points()} == {other.pk}
    Offer.objects.filter(pk=offer.pk).update(category=Category.objects.get(code="psychologie"))
    assert points() == from_the_links()


def test_a_deleted_offer_or_place_leaves_no_point(offer: Offer) -> None:
    OfferFactory(places=[offer.places.get(commune__code=RENNES)])
    offer.places.get(commune__code=BREST).delete()
    assert points() == from_the_links()
    offer.delete()
    assert points() == from_the_links()
    assert len(points()) == 1


def test_the_search_around_a_commune_or_in_a_departement_reads_the_points(offer: Offer) -> None:
    near_brest = make_criteria(commune=commune(BREST), radius_km=10, category=offer.category)
    in_finistere = make_criteria(departement=commune(BREST).departement)
    assert list(Offer.objects.search(near_brest)) == list(Offer.objects.search(in_finistere)) == [offer]
    # The points are the search's only source for distances and départements: a point out of step shows.
    SearchPoint.objects.filter(offer_id=offer.pk).update(lat=0.0, lng=0.0, departement_id="2A")
    assert list(Offer.objects.search(near_brest)) == list(Offer.objects.search(in_finistere)) == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite copies a table to alter it; PostgreSQL does not")
def test_the_sqlite_triggers_come_back_after_a_migration_copied_a_table(offer: Offer) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER directory_search_point_link_insert")
    OfferFactory(places=[PlaceFactory(commune=commune(QUIMPER))])  # written while a trigger is missing
    assert points() != from_the_links()
    assert search_points.repair_sqlite_triggers(connection) is True
    assert points() == from_the_links()
    assert search_points.repair_sqlite_triggers(connection) is False
    OfferFactory(places=[PlaceFactory(commune=commune(RENNES))])
    assert points() == from_the_links()
