"""The offers a professional is gathering for an orientation sheet, kept in her session.

In the session (not in the page) so that it lives across result pages, filter changes,
the back button and offer pages, with or without JavaScript (docs/domain.md, "La fiche
d'orientation"). It holds offer ids only: the sheet checks they are still published.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

MAX_OFFERS = 20
_IDS = "fiche_offres"
_RETURN = "fiche_retour"


def selected_ids(request: HttpRequest) -> list[int]:
    """The ids in the selection, in the order they were added (no query without a session cookie)."""
    if not hasattr(request, "session"):
        return []
    ids = request.session.get(_IDS, [])
    return [pk for pk in ids if isinstance(pk, int)]


def add(request: HttpRequest, pk: int) -> bool:
    """Add an offer; False when the selection is full."""
    ids = selected_ids(request)
    if pk in ids:
        return True
    if len(ids) >= MAX_OFFERS:
        return False
    request.session[_IDS] = [*ids, pk]
    return True


def remove(request: HttpRequest, pk: int) -> None:
    request.session[_IDS] = [other for other in selected_ids(request) if other != pk]


def clear(request: HttpRequest) -> None:
    request.session.pop(_IDS, None)


def safe_return_url(request: HttpRequest, url: str) -> str:
    """`url` if it is a page of this site, else ""."""
    url = (url or "").strip()
    if url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return ""


def remember_search(request: HttpRequest, url: str) -> None:
    """The search the selection comes from: the sheet links back to it."""
    if url.split("?")[0] == reverse("www:search"):
        request.session[_RETURN] = url


def search_url(request: HttpRequest) -> str:
    if not hasattr(request, "session"):
        return reverse("www:search")
    return str(request.session.get(_RETURN) or reverse("www:search"))


def fresh_when_selecting(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Pages showing the selection are not kept by the browser's back-forward cache when there is one:
    going back shows the selection as it is now."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if selected_ids(request) and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        return response

    return wrapped
