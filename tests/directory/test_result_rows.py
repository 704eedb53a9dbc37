"""Result rows (flat values for the result cards) give the same facts as the offer models."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.text import slugify

from annuaire.core.geodesy import Point
from annuaire.directory.enums import Cost
from annuaire.directory.models import Offer, Place
from annuaire.directory.models.offer import offer_url
from annuaire.directory.result_rows import ResultPages, ResultRow
from annuaire.directory.search import SearchCriteria, make_criteria, nearest_place
from annuaire.taxonomy.models import CareKind, SubCategory
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, RENNES, SAINT_BRIEUC, commune

pytestmark = pytest.mark.django_db


def first_page(criteria: SearchCriteria) -> list[ResultRow]:
    return list(ResultPages(criteria, per_page=100).page(1).object_list)


def offers_of_every_kind() -> None:
    structure = StructureFactory(name="Centre & Co", phone="02 98 00 00 01")
    rennes = PlaceFactory(structure=structure, commune=commune(RENNES), phone="02 99 11 11 11")
    brest = PlaceFactory(structure=structure, commune=commune(BREST))
    unlocated = PlaceFactory(structure=structure, commune=commune(QUIMPER))
    OfferFactory(title="Own phone", structure=structure, contact_phone="06 00 00 00 01", places=[brest, rennes])
    OfferFactory(title="Place phone", structure=structure, places=[rennes], cost=Cost.COVERED)
    OfferFactory(
        title="Structure phone", structure=structure, places=[brest], cost=Cost.PARTLY_PAID, cost_amount=Decimal("25")
    )
    OfferFactory(title="Hypnose (PSNC)", structure=structure, subcategory_codes=["hypnose"], places=[unlocated])
    OfferFactory(title="Reste à charge 12,50", structure=structure, cost=Cost.PARTLY_PAID, cost_amount=Decimal("12.5"))
    OfferFactory(title="Sans lieu", structure=structure, places=[])
    Place.objects.filter(pk=unlocated.pk).update(lat=None, lng=None)  # save() would place it at its commune


@pytest.mark.parametrize("near", [None, SAINT_BRIEUC, BREST])
def test_result_rows_show_the_same_facts_as_the_models(near: str | None) -> None:
    offers_of_every_kind()
    # Around a commune but without a radius: offers without a located place are listed last.
    criteria = make_criteria(commune=commune(near) if near else None).widened(radius_km=None)
    centre = criteria.centre
    models = list(Offer.objects.search(criteria).with_result_relations())
    rows = first_page(criteria)
    assert [row.pk for row in rows] == [offer.pk for offer in models] != []
    for offer, row in zip(models, rows, strict=True):
        place, row_place = nearest_place(offer, centre), row.nearest_place(centre)
        assert (row_place.pk if row_place else None) == (place.pk if place else None), offer.title
        assert (row_place.commune_name if row_place else "") == (place.commune.name if place else "")
        assert row.phone_for(row_place) == offer.phone_for(place)
        assert row.url == offer.get_absolute_url()
        assert row.title == offer.title
        assert row.structure_name == offer.structure.name
        assert row.is_free_for_patient == offer.is_free_for_patient
        assert row.cost_label_short == offer.cost_label_short
        assert row.is_non_conventional == offer.is_non_conventional
        assert row.last_verified_at == offer.last_verified_at
        assert row.distance_km == getattr(offer, "distance_km", None)
        assert row.closed_today == offer.closed_today  # type: ignore[attr-defined]


def test_the_phone_to_call_is_the_offers_then_the_places_then_the_structures() -> None:
    offers_of_every_kind()
    rows = {row.title: row for row in first_page(make_criteria())}
    centre = Point(48.11, -1.68)  # Rennes
    phones = {title: row.phone_for(row.nearest_place(centre)) for title, row in rows.items()}
    assert phones["Own phone"] == "06 00 00 00 01"
    assert phones["Place phone"] == "02 99 11 11 11"
    assert phones["Structure phone"] == "02 98 00 00 01"
    assert rows["Structure phone"].cost_label_short == "Reste à charge : 25 €"
    assert rows["Reste à charge 12,50"].cost_label_short == "Reste à charge : 12,50 €"
    assert rows["Hypnose (PSNC)"].is_non_conventional
    assert rows["Sans lieu"].nearest_place(centre) is None


def test_a_sub_category_that_becomes_a_psnc_marks_its_offers_at_the_next_read() -> None:
    yoga = SubCategory.objects.get(code="yoga")
    OfferFactory(title="Yoga doux", subcategory_codes=["yoga"])
    assert not first_page(make_criteria())[0].is_non_conventional
    yoga.kind = CareKind.PSNC
    yoga.save()
    assert first_page(make_criteria())[0].is_non_conventional


@pytest.mark.parametrize("title", ["Consultations de psychologue", "Été : yoga & sophrologie", "!!!", "9081726354"])
def test_the_offer_url_is_the_one_django_reverses(title: str) -> None:
    slug = slugify(title) or "offre"
    assert offer_url(42, title) == reverse("www:offer", kwargs={"pk": 42, "slug": slug})
    assert offer_url(42, title) == f"/offres/42-{slug}/"


def test_the_places_of_a_row_keep_their_coordinates_to_the_last_digit() -> None:
    # SQLite's JSON writes 15 significant digits: the rows read them through exact_real.
    place = PlaceFactory(commune=commune(RENNES))
    Place.objects.filter(pk=place.pk).update(lat=48.11729876543211, lng=-1.6800000000000002)
    OfferFactory(places=[place])
    (row,) = first_page(make_criteria())
    stored = Place.objects.get(pk=place.pk)
    assert [(p.pk, p.lat, p.lng) for p in row.places] == [(place.pk, stored.lat, stored.lng)]
    assert stored.lng == -1.6800000000000002
