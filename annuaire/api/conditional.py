"""HTTP validators for cheap revalidation: ETag (hash of the body) and Last-Modified.

The ETag hashes the rendered JSON body, so it changes whenever anything shown changes
(including an offer leaving the result set). Last-Modified is the latest `updated_at`
among the objects shown; it is a hint, the ETag is the reliable validator (and, per
RFC 9110, If-None-Match takes precedence over If-Modified-Since).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from rest_framework.response import Response


def latest(dates: Iterable[datetime | None]) -> datetime | None:
    known = [date for date in dates if date is not None]
    return max(known) if known else None


def make_conditional(request: HttpRequest, response: Response, last_modified: datetime | None) -> HttpResponseBase:
    """Add ETag / Last-Modified to a 200 answer and turn it into a 304 when the client is up to date."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    response.render()
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    response["ETag"] = etag
    timestamp = int(last_modified.timestamp()) if last_modified else None
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    # A 304 keeps ETag, Last-Modified, Cache-Control and Vary (django.utils.cache._not_modified).
    return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response) or response
