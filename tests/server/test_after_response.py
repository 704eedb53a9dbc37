"""What a request owes but the person need not wait for is done once the answer is sent:
the search's count and keeping the answer in the response cache (annuaire/core/after_response.py)."""

from collections.abc import Iterator
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db.models import Sum

from annuaire.insight.models import SearchCount
from tests.directory.factories import OfferFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keep_test_connection_open")]

SEARCH = "/?categorie=&commune=Rennes+%2835%29"


def wsgi_get(path: str) -> tuple[str, dict[str, str], Any]:
    """`path` asked as a WSGI server asks it: the answer, before the server closes it."""
    target, _, query = path.partition("?")
    environ = {"PATH_INFO": target, "QUERY_STRING": query, "REMOTE_ADDR": "127.0.0.1"}
    setup_testing_defaults(environ)  # the rest of a GET to 127.0.0.1, as the WSGI standard lists it
    started: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        started["status"], started["headers"] = status, dict(headers)

    answer = WSGIHandler()(environ, start_response)
    return started["status"], started["headers"], answer


def searches_counted() -> int:
    return SearchCount.objects.aggregate(total=Sum("searches"))["total"] or 0


@pytest.fixture
def offer() -> Iterator[None]:
    OfferFactory(title="Yoga adapté")
    yield


def test_a_search_is_counted_once_its_answer_is_sent(offer: None) -> None:
    status, _, answer = wsgi_get(SEARCH)
    assert status.startswith("200")
    assert "Yoga adapté" in b"".join(answer).decode()
    assert searches_counted() == 0  # sent, not yet closed by the server

    answer.close()

    assert searches_counted() == 1


def test_an_answer_is_kept_in_the_cache_once_sent(offer: None) -> None:
    _, headers, answer = wsgi_get(SEARCH)
    assert headers["X-Cache"] == "miss"
    _, before_close, second = wsgi_get(SEARCH)
    assert before_close["X-Cache"] == "miss"  # the first one is not kept yet
    answer.close()
    second.close()

    _, after_close, third = wsgi_get(SEARCH)
    third.close()

    assert after_close["X-Cache"] == "hit"
    assert searches_counted() == 3  # the answer from the cache is counted too, once sent
