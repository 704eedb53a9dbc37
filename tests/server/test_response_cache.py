"""Whole anonymous answers come from the cache until the published data changes; nobody ever
gets another visitor's page (docs/adr/0034-response-cache.md)."""

import re
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.test import Client
from django.utils import timezone

from annuaire.accounts.access import actor_for
from annuaire.core import published
from annuaire.directory import publication
from annuaire.directory.models import Notice, NoticeKind, Offer
from annuaire.directory.publication import Action
from annuaire.imports.journal import run_import
from annuaire.insight.models import SearchCount
from tests.accounts.factories import coordinator, regional_admin
from tests.directory.factories import OfferFactory
from tests.imports.conftest import csv_bytes, row

pytestmark = pytest.mark.django_db

SEARCH = "/?categorie=&commune=Rennes+%2835%29"


def visit(url: str, client: Client | None = None, **headers: str) -> Any:
    return (client or Client()).get(url, **headers)


def test_a_second_anonymous_visit_of_an_offer_page_costs_no_query(django_assert_num_queries: Any) -> None:
    offer = OfferFactory(title="Yoga adapté")
    first = visit(offer.get_absolute_url())
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = visit(offer.get_absolute_url())
    assert second["X-Cache"] == "hit"
    assert second.content.decode().count("Yoga adapté") == first.content.decode().count("Yoga adapté") > 0


def test_a_cached_search_is_counted_in_the_statistics_with_its_one_statement(django_assert_num_queries: Any) -> None:
    OfferFactory(title="Yoga adapté")
    visit(SEARCH)
    with django_assert_num_queries(1):  # the statistics' counter, nothing else
        assert "Yoga adapté" in visit(SEARCH).content.decode()
    assert SearchCount.objects.aggregate(total=Sum("searches"))["total"] == 2


def test_the_order_of_query_parameters_does_not_matter(django_assert_num_queries: Any) -> None:
    OfferFactory()
    visit("/api/v1/offres?commune=35238&taille=5")
    with django_assert_num_queries(1):  # the statistics' counter
        assert visit("/api/v1/offres?taille=5&commune=35238")["X-Cache"] == "hit"


def test_a_withdrawal_and_a_publication_show_on_the_next_visit() -> None:
    offer = OfferFactory(title="Yoga adapté")
    assert "Yoga adapté" in visit(SEARCH).content.decode()
    region = actor_for(regional_admin())
    publication.transition(offer, Action.SUSPEND, region, "Activité arrêtée.")
    assert "Yoga adapté" not in visit(SEARCH).content.decode()
    assert visit(offer.get_absolute_url()).status_code == 404
    publication.transition(Offer.objects.get(pk=offer.pk), Action.REINSTATE, region, "Reprise.")
    again = visit(SEARCH)
    assert again["X-Cache"] == "miss" and "Yoga adapté" in again.content.decode()


def test_a_small_correction_and_a_closure_show_on_the_next_visit() -> None:
    offer = OfferFactory(title="Yoga adapté")
    url = offer.get_absolute_url()
    visit(url)
    offer.title = "Yoga doux"
    offer.save()
    url = offer.get_absolute_url()
    assert "Yoga doux" in visit(url).content.decode()
    today = timezone.localdate()
    Notice.objects.create(
        structure=offer.structure, offer=offer, kind=NoticeKind.HOLIDAYS, starts_on=today, ends_on=today
    )
    assert "Fermeture pour congés" in visit(url).content.decode()


def test_an_import_and_the_reference_loaders_drop_cached_answers() -> None:
    OfferFactory()
    visit(SEARCH)
    before = published.generation()
    user = regional_admin()
    run_import("offres.csv", csv_bytes([row()]), user=user, dry_run=False, publish=False)
    assert published.generation() != before
    assert visit(SEARCH)["X-Cache"] == "miss"
    for command in ("load_taxonomy", "load_geo"):
        visit(SEARCH)
        call_command(command, verbosity=0, **({"departements": "35", "force": True} if command == "load_geo" else {}))
        assert visit(SEARCH)["X-Cache"] == "miss", command


def selection_client(offer: Offer) -> Client:
    nurse = Client()
    nurse.post("/fiche-orientation/ajouter/", {"offre": str(offer.pk), "retour": SEARCH})
    return nurse


def test_a_visitor_with_a_selection_never_gets_the_cached_page_and_never_feeds_it() -> None:
    offer = OfferFactory()
    visit(SEARCH)  # cached for anonymous visitors
    nurse = selection_client(offer)
    mine = nurse.get(SEARCH)
    assert "X-Cache" not in mine
    assert "Imprimer la fiche (1)" in mine.content.decode() and "Retirer de la fiche" in mine.content.decode()
    assert "Imprimer la fiche (1)" in nurse.get(offer.get_absolute_url()).content.decode()
    other = visit(SEARCH)
    assert other["X-Cache"] == "hit"
    assert "Imprimer la fiche" not in other.content.decode() and "Retirer de la fiche" not in other.content.decode()
    assert "Imprimer la fiche" not in visit(offer.get_absolute_url()).content.decode()


def test_flash_messages_and_other_cookies_bypass_the_cache(settings: Any) -> None:
    OfferFactory()
    visit(SEARCH)
    for name in ("messages", "statistiques"):
        visitor = Client()
        visitor.cookies[name] = "x"
        assert "X-Cache" not in visitor.get(SEARCH), name
    settings.RESPONSE_CACHE_IGNORED_COOKIES = ["statistiques"]
    visitor = Client()
    visitor.cookies["statistiques"] = "x"
    assert visitor.get(SEARCH)["X-Cache"] == "hit"


def test_each_visitor_of_a_cached_page_gets_a_csrf_token_of_their_own_that_works() -> None:
    offer = OfferFactory()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    assert first.get(SEARCH)["X-Cache"] == "miss"
    page = second.get(SEARCH)
    assert page["X-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', page.content.decode())
    assert token is not None
    assert "csrftoken" in page.cookies
    added = second.post(
        "/fiche-orientation/ajouter/", {"offre": str(offer.pk), "retour": SEARCH, "csrfmiddlewaretoken": token[1]}
    )
    assert added.status_code == 302
    refused = Client(enforce_csrf_checks=True).post(
        "/fiche-orientation/ajouter/", {"offre": str(offer.pk), "retour": SEARCH, "csrfmiddlewaretoken": token[1]}
    )
    assert refused.status_code == 403


def test_posts_are_never_cached() -> None:
    offer = OfferFactory()
    for _ in range(2):
        response = Client().post("/fiche-orientation/ajouter/", {"offre": str(offer.pk), "retour": SEARCH})
        assert "X-Cache" not in response
        fhir = Client().post("/fhir/HealthcareService/_search", {"_count": "1"})
        assert fhir.status_code == 200 and "X-Cache" not in fhir


def test_a_signed_in_coordinator_never_gets_cached_pages(django_assert_num_queries: Any) -> None:
    offer = OfferFactory()
    visit(offer.get_absolute_url())
    staff = Client()
    staff.force_login(coordinator(departements="35"))
    response = staff.get(offer.get_absolute_url())
    assert response.status_code == 200 and "X-Cache" not in response
    assert visit(offer.get_absolute_url())["X-Cache"] == "hit"


def test_the_api_and_fhir_are_cached_with_their_validators(django_assert_num_queries: Any) -> None:
    offer = OfferFactory()
    for url in (f"/api/v1/offres/{offer.pk}", f"/fhir/HealthcareService/{offer.uuid}", "/fhir/metadata"):
        first = visit(url)
        with django_assert_num_queries(0):
            second = visit(url)
            unchanged = visit(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert second["X-Cache"] == "hit" and second.content == first.content, url
        assert second["ETag"] == first["ETag"] and second["Content-Type"] == first["Content-Type"]
        assert unchanged.status_code == 304 and unchanged.content == b""


def test_a_fhir_search_in_strict_mode_is_kept_apart() -> None:
    visit("/fhir/HealthcareService?couleur=bleu")
    strict = visit("/fhir/HealthcareService?couleur=bleu", HTTP_PREFER="handling=strict")
    assert strict.status_code == 400


def test_the_htmx_partial_and_the_whole_page_are_kept_apart() -> None:
    OfferFactory()
    whole = visit(SEARCH)
    partial = visit(SEARCH, HTTP_HX_REQUEST="true")
    assert partial["X-Cache"] == "miss" and "<html" not in partial.content.decode()
    again = visit(SEARCH)
    assert again["X-Cache"] == "hit" and without_tokens(again) == without_tokens(whole)
    assert "<html" in whole.content.decode()
    assert without_tokens(visit(SEARCH, HTTP_HX_REQUEST="true")) == without_tokens(partial)


def without_tokens(response: Any) -> str:
    """The page less its CSRF tokens (each visitor has their own)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[A-Za-z0-9]+"', "", response.content.decode())


def test_head_is_answered_from_the_cache_of_get(django_assert_num_queries: Any) -> None:
    offer = OfferFactory()
    visit(offer.get_absolute_url())
    with django_assert_num_queries(0):
        head = Client().head(offer.get_absolute_url())
    assert head.status_code == 200 and head["X-Cache"] == "hit" and head.content == b""


def test_html_pages_answer_304_to_a_visitor_who_has_them_and_200_once_changed() -> None:
    offer = OfferFactory()
    url = offer.get_absolute_url()
    etag = visit(url)["ETag"]
    assert visit(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    today = timezone.localdate()
    Notice.objects.create(
        structure=offer.structure, offer=offer, kind=NoticeKind.HOLIDAYS, starts_on=today, ends_on=today
    )
    changed = visit(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_rate_limits_count_cached_answers(settings: Any) -> None:
    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIT_PAGES = "3/h"  # per hour: the count cannot restart during the test
    address = "192.0.2.200"
    statuses = [visit(SEARCH, REMOTE_ADDR=address) for _ in range(4)]
    assert [r.get("X-Cache") for r in statuses[:3]] == ["miss", "hit", "hit"]
    assert statuses[3].status_code == 429 and int(statuses[3]["Retry-After"]) >= 1
    assert "X-Cache" not in statuses[3]


def test_security_headers_are_on_cached_answers_too() -> None:
    OfferFactory()
    first, second = visit(SEARCH), visit(SEARCH)
    assert second["X-Cache"] == "hit"
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert second[name] == first[name], name


def test_it_can_be_turned_off(settings: Any) -> None:
    settings.RESPONSE_CACHE_SECONDS = 0
    OfferFactory()
    visit(SEARCH)
    assert "X-Cache" not in visit(SEARCH)


def test_an_unreadable_cache_is_skipped_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core.cache import caches

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("cache server unreachable")

    OfferFactory(title="Yoga adapté")
    monkeypatch.setattr(caches["responses"], "get", broken)
    monkeypatch.setattr(caches["responses"], "set", broken)
    for _ in range(2):
        response = visit(SEARCH)
        assert response.status_code == 200 and "Yoga adapté" in response.content.decode()
        assert "X-Cache" not in response


@pytest.mark.urls("tests.server.urls_token_elsewhere")
def test_a_page_carrying_the_csrf_token_outside_a_form_field_is_never_kept() -> None:
    first, second = visit("/a-propos/"), visit("/a-propos/")
    assert "X-CSRFToken" in first.content.decode()
    assert "X-Cache" not in first and "X-Cache" not in second
    assert first.content != second.content
