"""The charter and the terms of use, each version at its own address."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from annuaire.applications import legal
from annuaire.applications.enums import LegalTextKind

_ROUTES: dict[str, str] = {LegalTextKind.CHARTER: "applications:charter", LegalTextKind.TERMS: "applications:terms"}


def _page(request: HttpRequest, kind: str, version: str | None) -> HttpResponse:
    text = legal.current(kind) if version is None else legal.find(kind, version)
    if text is None:
        raise Http404("Cette version n'existe pas.")
    return render(
        request,
        "applications/legal_text.html",
        {
            "text": text,
            "is_current": text == legal.current(kind),
            "all_versions": legal.versions(kind),
            "route": _ROUTES[kind],
            "NETWORK_CONTACT_EMAIL": settings.NETWORK_CONTACT_EMAIL,
        },
    )


def charter(request: HttpRequest, version: str | None = None) -> HttpResponse:
    return _page(request, LegalTextKind.CHARTER, version)


def terms(request: HttpRequest, version: str | None = None) -> HttpResponse:
    return _page(request, LegalTextKind.TERMS, version)
