"""The search answers with plain dicts (`offer_representation`), the OpenAPI schema comes
from `OfferSerializer`: both must say exactly the same thing about every offer."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.test import RequestFactory
from rest_framework.utils.encoders import JSONEncoder

from annuaire.api.serializers.offers import OfferSerializer, offer_representation
from annuaire.directory.enums import Cost
from annuaire.directory.models import Offer
from annuaire.directory.search import make_criteria, nearest_place
from annuaire.geo.models import Commune
from tests.directory.factories import OfferFactory, PlaceFactory
from tests.geo.factories import BREST, RENNES, commune

pytestmark = pytest.mark.django_db


def _both(offers: list[Offer], centre_code: str | None) -> tuple[str, str]:
    request = RequestFactory().get("/api/v1/offres")
    centre = Commune.objects.get(code=centre_code).point if centre_code else None
    nearest = {offer.pk: nearest_place(offer, centre) for offer in offers}
    by_drf = OfferSerializer(offers, many=True, context={"request": request, "nearest": nearest}).data
    plain = [offer_representation(offer, nearest[offer.pk], request) for offer in offers]
    return json.dumps(by_drf, cls=JSONEncoder), json.dumps(plain, cls=JSONEncoder)


def test_plain_dicts_and_the_schema_serializer_give_the_same_json() -> None:
    OfferFactory(
        title="Diététique",
        subcategory_codes=["consultation-dieteticien"],
        commune=commune(BREST),
        cost=Cost.PARTLY_PAID,
        cost_amount=Decimal("15.50"),
        cost_details="Première séance offerte",
        last_verified_at=date(2026, 3, 1),
        appointment_delay_days=12,
        parcours_global=True,
    )
    two_places = OfferFactory(title="Sophrologie", commune=commune(RENNES), contact_phone="")
    two_places.places.add(PlaceFactory(structure=two_places.structure, commune=commune(BREST), phone="02 98 11 11 11"))
    OfferFactory(title="Sans lieu", cost=Cost.COVERED).places.clear()
    for centre in (None, RENNES):
        criteria = make_criteria(commune=Commune.objects.get(code=centre) if centre else None, radius_km=500)
        offers = list(Offer.objects.search(criteria).with_result_relations())
        assert offers
        by_drf, plain = _both(offers, centre)
        assert plain == by_drf
