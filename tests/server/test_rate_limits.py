"""Rate limits per client address: a French 429 with Retry-After, generous for a harvester."""

import itertools
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

_addresses = (f"192.0.2.{n}" for n in itertools.count(1))


@pytest.fixture
def limits(settings: Any) -> Any:
    """Low rates per hour: the window of a count (django-ratelimit's, staggered per address)
    then ends during a test once in thousands of runs, not once in tens on a loaded machine."""
    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIT_READ_API = "5/h"
    settings.RATELIMIT_POST_FORMS = "2/h"
    settings.RATELIMIT_PAGES = "3/h"
    return settings


def test_the_api_answers_429_in_french_with_retry_after_past_its_rate(client: Client, limits: Any) -> None:
    address = next(_addresses)
    for _ in range(5):
        assert client.get(reverse("api:taxonomy"), REMOTE_ADDR=address).status_code == 200
    response = client.get(reverse("api:taxonomy"), REMOTE_ADDR=address)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert response.json()["message"].startswith("Trop de demandes en peu de temps depuis votre adresse.")


def test_each_address_has_its_own_count(client: Client, limits: Any) -> None:
    first, second = next(_addresses), next(_addresses)
    for _ in range(6):
        client.get(reverse("api:taxonomy"), REMOTE_ADDR=first)
    assert client.get(reverse("api:taxonomy"), REMOTE_ADDR=second).status_code == 200


def test_fhir_is_limited_like_the_api(client: Client, limits: Any) -> None:
    address = next(_addresses)
    statuses = [client.get("/fhir/metadata", REMOTE_ADDR=address).status_code for _ in range(6)]
    assert statuses[-1] == 429 and 429 not in statuses[:5]


def test_the_html_search_answers_a_french_page(client: Client, limits: Any) -> None:
    address = next(_addresses)
    for _ in range(3):
        client.get(reverse("www:search"), REMOTE_ADDR=address)
    response = client.get(reverse("www:search"), REMOTE_ADDR=address)
    assert response.status_code == 429
    assert "Merci de patienter" in response.content.decode()
    assert response["Retry-After"]


def test_posted_forms_have_a_lower_rate(client: Client, limits: Any) -> None:
    address = next(_addresses)
    statuses = [client.post("/admin/login/", {}, REMOTE_ADDR=address).status_code for _ in range(3)]
    assert 429 not in statuses[:2] and statuses[2] == 429


def test_information_pages_and_static_files_are_not_counted(client: Client, limits: Any) -> None:
    address = next(_addresses)
    statuses = {client.get(reverse("www:about_sos"), REMOTE_ADDR=address).status_code for _ in range(10)}
    assert statuses == {200}


def test_the_needs_questionnaire_is_a_limited_form_endpoint(client: Client, limits: Any) -> None:
    address = next(_addresses)
    statuses = [client.get(reverse("www:needs"), REMOTE_ADDR=address).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_the_default_rates_let_a_harvester_follow_next_links(settings: Any) -> None:
    assert settings.RATELIMIT_READ_API == settings.RATELIMIT_PAGES == "600/m"
    assert settings.RATELIMIT_POST_FORMS == "120/m"


def test_behind_a_trusted_proxy_the_client_is_the_address_the_proxy_saw(client: Client, limits: Any) -> None:
    limits.TRUSTED_PROXY_COUNT = 1
    proxy = next(_addresses)
    for _ in range(6):
        client.get(reverse("api:taxonomy"), REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    other_client = client.get(reverse("api:taxonomy"), REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert other_client.status_code == 200
    # A forged first entry does not change the address the proxy appended.
    forged = client.get(reverse("api:taxonomy"), REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.1, 198.51.100.7")
    assert forged.status_code == 429
