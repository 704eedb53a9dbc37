"""A HealthcareService search reads its offers as rows (`service_rows`: `.values()` and two
link queries); a read by id builds the row from its model (`ServiceRow.of`). Both must give
the same resources, valid for fhir.resources and the ROR profiles."""

from decimal import Decimal
from typing import Any

import pytest

from annuaire.directory.enums import AgeGroup, Audience, Cost, GroupFormat, Modality
from annuaire.directory.models import Offer
from annuaire.directory.search import make_criteria
from annuaire.geo.models import Commune
from annuaire.interop.fhir.service_rows import ServiceRow, service_rows
from tests.directory.factories import OfferFactory, PlaceFactory
from tests.geo.factories import BREST, QUIMPER, RENNES, commune
from tests.interop.ror_profiles import violations

pytestmark = pytest.mark.django_db

Fhir = Any


def _offers() -> None:
    varied = OfferFactory(
        title="Hypnose et douleur",
        subcategory_codes=["hypnoanalgesie", "consultation-douleur-chronique"],
        commune=commune(BREST),
        cost=Cost.PARTLY_PAID,
        cost_amount=Decimal("25.00"),
        cost_details="Première séance offerte",
        audiences=[Audience.PATIENTS, Audience.RELATIVES],
        age_groups=[AgeGroup.ADULTS],
        formats=[GroupFormat.GROUP],
        modalities=[Modality.ON_SITE, Modality.REMOTE],
        opening_hours="Mo,We 09:00-12:00",
        schedule="Sur rendez-vous",
        contact_phone="06 12 34 56 78",
        parcours_global=True,
    )
    varied.places.add(PlaceFactory(structure=varied.structure, commune=commune(QUIMPER)))
    varied.places.add(PlaceFactory(structure=varied.structure, commune=commune(RENNES), lat=None, lng=None))
    OfferFactory(title="Diététique", subcategory_codes=["ateliers-nutrition-cuisine", "consultation-dieteticien"])
    OfferFactory(title="Sans lieu", cost=Cost.COVERED).places.clear()


def test_rows_read_with_values_are_the_rows_of_the_models() -> None:
    _offers()
    for centre_code in (None, BREST):
        centre = Commune.objects.get(code=centre_code) if centre_code else None
        searched = Offer.objects.search(make_criteria(commune=centre, radius_km=500 if centre else None))
        models = list(searched.with_result_relations())
        rows = service_rows(searched, distances=centre is not None)
        assert len(rows) == len(models) >= 2
        assert rows == [ServiceRow.of(offer) for offer in models]


def test_each_resource_of_a_search_is_the_resource_read_by_id(fhir: Fhir) -> None:
    _offers()
    for params in ({}, {"location.near-insee-code": f"{BREST}|500|km"}):
        found = fhir("/fhir/HealthcareService", _count=100, **params)  # validated with fhir.resources
        matches = [entry["resource"] for entry in found["entry"]]
        assert len(matches) == Offer.objects.published().count() - (1 if params else 0)  # "Sans lieu" is nowhere
        for resource in matches:
            assert violations(resource) == []
            read = fhir(f"/fhir/HealthcareService/{resource['id']}")
            if params:  # a near search adds the distance, after the version is computed
                distance = resource["extension"].pop()
                assert distance["url"].endswith("/ror-calculated-distance")
            assert resource == read
