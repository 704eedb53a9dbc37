"""The back-office pages run a constant number of queries, whatever the number of offers."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annuaire.directory.enums import PublicationStatus as S
from annuaire.directory.models import Offer
from tests.directory.factories import OfferFactory
from tests.espace.conftest import client_for

pytestmark = pytest.mark.django_db


def queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", ["/espace/", "/espace/a-valider/", "/espace/journal/"])
def test_lists_do_not_grow_with_the_number_of_offers(url: str, people: dict[str, Any], waiting_offer: Offer) -> None:
    client = client_for(people["dac-29"])
    few = queries(client, url)
    for _ in range(5):
        OfferFactory(structure=waiting_offer.structure, status=S.TERRITORIAL_REVIEW)
    assert queries(client, url) == few


def test_the_review_screen_does_not_grow_with_sub_categories_and_places(
    people: dict[str, Any], waiting_offer: Offer
) -> None:
    client = client_for(people["dac-29"])
    url = f"/espace/offres/{waiting_offer.pk}/"
    few = queries(client, url)
    more = OfferFactory(
        structure=waiting_offer.structure,
        status=S.TERRITORIAL_REVIEW,
        subcategory_codes=["consultation-psychologue", "therapie-familiale", "groupe-parole-patients"],
    )
    assert queries(client, f"/espace/offres/{more.pk}/") == few
