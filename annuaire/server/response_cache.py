"""Whole anonymous answers of the public read paths, kept in the cache (docs/adr/0034-response-cache.md).

Key: the data generation (`annuaire.core.published`), the full URL with its query string
sorted by parameter name, and the request headers the public views vary on. Any write that
can alter a public answer changes the generation, so everything is dropped at once; entries
also expire after RESPONSE_CACHE_SECONDS, which bounds what a missed write can leave stale.

Only anonymous GET/HEAD requests without per-visitor state take part: no cookie but the CSRF
one (a session cookie means a selection, flash messages or a signed-in person), no
`Authorization`. An answer is kept only if it is the same for everyone: status 200, not
streamed, no cookie set, no `private`/`no-store`, no `Vary` outside the key, the session
untouched, no flash message, no CSP nonce. The CSRF token of the page's forms is the one
per-visitor part: it is kept as a placeholder and each visitor gets a token of their own.

The middleware sits last: the rate limits, CSP, security headers, CORS and the CSRF cookie
all run for cached answers as for the others.
"""

from __future__ import annotations

import hashlib
import logging
import re
import zlib
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.module_loading import import_string

from annuaire.core import published
from annuaire.core.after_response import after_response

logger = logging.getLogger(__name__)

ALIAS = "responses"
STATUS_HEADER = "X-Cache"

# The public read paths: search and pages, JSON API, FHIR, open data, the state of the offer.
PUBLIC_PATHS = re.compile(
    r"^/(?:$|offres/|structures/|soins-de-support/|a-propos/|accessibilite/|communes/suggestions/"
    r"|api/v1/|fhir/|donnees-ouvertes/|etat-de-l-offre/)"
)
# Request headers that change a public answer (htmx partials, FHIR negotiation and strict handling).
KEY_HEADERS = ("HX-Request", "HX-History-Restore-Request", "X-Search-Block", "Accept", "Prefer")
_KEY_HEADERS_LOWER = {name.lower() for name in KEY_HEADERS}
_REFUSED_CACHE_CONTROL = ("private", "no-store", "no-cache")

_CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
_CSRF_PLACEHOLDER = b"\x00annuaire-form-token\x00"  # no "csrf" in it: see entry_for


@dataclass
class Entry:
    status: int
    headers: list[tuple[str, str]]
    body: bytes  # CSRF tokens replaced by the placeholder; zlib-compressed once kept (`keep`)
    has_csrf_token: bool
    repeat: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)


def enabled() -> bool:
    return int(settings.RESPONSE_CACHE_SECONDS) > 0


def takes_part(request: HttpRequest) -> bool:
    """An anonymous GET/HEAD of a public read path, without per-visitor state."""
    if not enabled() or request.method not in ("GET", "HEAD") or not PUBLIC_PATHS.match(request.path):
        return False
    if "authorization" in request.headers:
        return False
    allowed = {settings.CSRF_COOKIE_NAME, *settings.RESPONSE_CACHE_IGNORED_COOKIES}
    return all(name in allowed for name in request.COOKIES)


def key_for(request: HttpRequest) -> str:
    # Sorted by name only: the order of a repeated parameter's values is kept.
    query = sorted(parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True), key=lambda kv: kv[0])
    url = f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(query)}"
    varying = "\n".join(request.headers.get(name, "") for name in KEY_HEADERS)
    digest = hashlib.sha256(f"{url}\n{varying}".encode()).hexdigest()
    # The day too: notices and verification dates start and end at midnight.
    return f"response:{published.generation()}:{timezone.localdate().isoformat()}:{digest}"


def entry_for(request: HttpRequest, response: HttpResponseBase) -> Entry | None:
    """What to keep of `response`, or None when it is not the same for every anonymous visitor."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return None
    if not isinstance(response, HttpResponse) or response.cookies:
        return None
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in _REFUSED_CACHE_CONTROL):
        return None
    vary = {name.strip().lower() for name in cc_delim_re.split(response.get("Vary", "")) if name.strip()}
    if not vary <= _KEY_HEADERS_LOWER:
        return None
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return None
    if len(messages.get_messages(request)):
        return None
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return None  # a nonce is for one answer only
    body, tokens = _CSRF_FIELD.subn(rb"\1" + _CSRF_PLACEHOLDER + rb"\2", response.content)
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and body.lower().count(b"csrf") != tokens:
        return None  # the token is used somewhere else (a header, a script): not replaceable here
    if len(body) > settings.RESPONSE_CACHE_MAX_BYTES:
        return None
    if not response.has_header("ETag"):
        response["ETag"] = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
    return Entry(
        status=response.status_code,
        headers=headers,
        body=body,  # compressed by `keep`, once the answer is sent
        has_csrf_token=tokens > 0,
        repeat=list(getattr(request, published.REPEAT_ATTRIBUTE, [])),
    )


def keep(store: Any, key: str, entry: Entry) -> None:
    """Keep `entry` (its body still plain) under `key`, compressed; never fails the request."""
    try:
        store.set(key, replace(entry, body=zlib.compress(entry.body, 1)), int(settings.RESPONSE_CACHE_SECONDS))
    except Exception:
        logger.exception("Response cache: write failed")


def rebuild(request: HttpRequest, entry: Entry) -> HttpResponse:
    body = zlib.decompress(entry.body)
    if entry.has_csrf_token:
        body = body.replace(_CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(body, status=entry.status)
    for name, value in entry.headers:
        response[name] = value
    return response


def repeat_side_effects(entry: Entry) -> None:
    """Counts the view makes for each answer (search statistics) are made for cached ones too."""
    for path, args in entry.repeat:
        try:
            import_string(path)(*args)
        except Exception:
            logger.exception("Response cache: %s could not be repeated", path)


def conditional(request: HttpRequest, response: HttpResponse) -> HttpResponseBase:
    """304 Not Modified when the client holds this answer already (If-None-Match, If-Modified-Since)."""
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    etag = response.get("ETag") or None
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response) or response


class ResponseCacheMiddleware:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not takes_part(request):
            return self.get_response(request)
        store = caches[ALIAS]
        try:
            key = key_for(request)
            entry = store.get(key)
        except Exception:  # an unreachable cache or an entry of an older release: answer without it
            logger.exception("Response cache: read failed")
            return self.get_response(request)
        if isinstance(entry, Entry):
            after_response(request, repeat_side_effects, entry)
            response = rebuild(request, entry)
            response[STATUS_HEADER] = "hit"
            return conditional(request, response)
        response = self.get_response(request)
        entry = entry_for(request, response)
        if entry is None or not isinstance(response, HttpResponse):
            return response
        # Compressed and kept once the answer is sent: the person does not wait for it.
        after_response(request, keep, store, key, entry)
        response[STATUS_HEADER] = "miss"
        return conditional(request, response)
