"""Site-wide guards: oversized bodies (413), rate limits (429), an unavailable database (503);
and the work a request leaves for after its answer."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from annuaire.core.after_response import pending_work
from annuaire.server import ratelimit
from annuaire.server.responses import (
    database_unavailable,
    is_database_unavailable,
    request_too_large,
    too_many_requests,
)

GetResponse = Callable[[HttpRequest], HttpResponseBase]


class AfterResponseMiddleware:
    """Hands the work of `annuaire.core.after_response` to the answer's `close()`, which runs
    it once the answer is sent. First of the stack: it sees the answer that is really sent."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        # `_resource_closers`: what `HttpResponseBase.close()` calls before `request_finished`
        # (which closes the database connection the work may use).
        response._resource_closers.extend(pending_work(request))  # type: ignore[attr-defined]
        return response


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
