"""ETag and Last-Modified on lists and details; 304 when the client is up to date."""

import pytest
from django.test import Client

from annuaire.directory import publication
from tests.directory.factories import OfferFactory

pytestmark = pytest.mark.django_db

PATHS = ["/api/v1/offres", "/api/v1/structures", "/api/v1/lieux", "/api/v1/taxonomie", "/api/v1/communes?q=ren"]


@pytest.mark.parametrize("path", PATHS)
def test_it_answers_304_to_a_client_sending_back_the_etag(path: str) -> None:
    OfferFactory()
    first = Client().get(path)
    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    again = Client().get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_it_answers_304_on_a_detail_and_200_once_the_offer_changed() -> None:
    offer = OfferFactory(title="Yoga")
    path = f"/api/v1/offres/{offer.pk}"
    etag = Client().get(path)["ETag"]
    assert Client().get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    offer.title = "Yoga doux"
    offer.save()
    changed = Client().get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["nom"] == "Yoga doux"


def test_it_changes_the_list_etag_when_an_offer_leaves_the_results() -> None:
    OfferFactory(title="A")
    leaving = OfferFactory(title="B")
    etag = Client().get("/api/v1/offres")["ETag"]
    publication.transition(leaving, publication.Action.DELIST, publication.SYSTEM, "Données non confirmées.")
    assert Client().get("/api/v1/offres", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_it_gives_the_last_modification_and_honours_if_modified_since() -> None:
    OfferFactory()
    first = Client().get("/api/v1/offres")
    last_modified = first["Last-Modified"]
    assert last_modified.endswith("GMT")
    assert Client().get("/api/v1/offres", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    old = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert Client().get("/api/v1/offres", HTTP_IF_MODIFIED_SINCE=old).status_code == 200


def test_it_does_not_put_validators_on_errors() -> None:
    response = Client().get("/api/v1/offres", {"categorie": "magie"})
    assert response.status_code == 400
    assert "ETag" not in response
