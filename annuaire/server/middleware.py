"""Site-wide guards: oversized bodies (413), rate limits (429), an unavailable database (503)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from annuaire.server import ratelimit
from annuaire.server.responses import (
    database_unavailable,
    is_database_unavailable,
    request_too_large,
    too_many_requests,
)

GetResponse = Callable[[HttpRequest], HttpResponseBase]


class RequestSizeLimitMiddleware:
    """Refuse a body announced larger than MAX_REQUEST_BYTES before anything reads it."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return request_too_large(request)
        return self.get_response(request)


class RateLimitMiddleware:
    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        rule = ratelimit.rule_for(request)
        if rule is not None:
            verdict = ratelimit.check(request, rule)
            if verdict.limited:
                return too_many_requests(request, verdict.retry_after)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A view that meets a stopped or locked database answers the 503 page; the next request
    opens a new connection, so the site recovers by itself once the database is back."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_database_unavailable(exception):
            return database_unavailable(request)
        return None
