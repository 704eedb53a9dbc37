"""The search answers with plain dicts (`offer_representation`), the OpenAPI schema comes
from `OfferSerializer`: both must say exactly the same thing about every offer."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.test import RequestFactory
from rest_framework.utils.encoders import JSONEncoder

from annuaire.api.offer_rows import OfferRow, PlaceRow, offer_rows
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
    rows = [OfferRow.of(offer) for offer in offers]
    plain = [offer_representation(row, row.nearest_place(centre), request) for row in rows]
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


def test_rows_read_with_values_are_the_rows_of_the_models_and_find_the_same_nearest_place() -> None:
    """The search reads its page as rows (`offer_rows`, three queries); the detail view from
    its model (`OfferRow.of`): both rows are equal, and so are their nearest places."""
    OfferFactory(
        title="Diététique",
        subcategory_codes=["ateliers-nutrition-cuisine", "consultation-dieteticien"],
        commune=commune(BREST),
        cost=Cost.PARTLY_PAID,
        cost_amount=Decimal("15.50"),
        last_verified_at=date(2026, 3, 1),
    )
    two_places = OfferFactory(title="Sophrologie", commune=commune(RENNES), contact_phone="")
    two_places.places.add(PlaceFactory(structure=two_places.structure, commune=commune(BREST), phone="02 98 11 11 11"))
    two_places.places.add(PlaceFactory(structure=two_places.structure, commune=commune(RENNES), lat=None, lng=None))
    OfferFactory(title="Sans lieu", cost=Cost.COVERED).places.clear()
    for centre_code in (None, RENNES, BREST):
        centre = Commune.objects.get(code=centre_code) if centre_code else None
        searched = Offer.objects.search(make_criteria(commune=centre, radius_km=500 if centre else None))
        models = list(searched.with_result_relations())
        rows = offer_rows(searched, distances=centre is not None)
        assert len(rows) == len(models) >= 2
        assert rows == [OfferRow.of(offer) for offer in models]
        point = centre.point if centre else None
        for offer, row in zip(models, rows, strict=True):
            nearest = nearest_place(offer, point)
            assert row.nearest_place(point) == (PlaceRow.of(nearest) if nearest else None)
