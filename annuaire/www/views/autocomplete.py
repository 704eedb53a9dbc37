"""Commune suggestions for the search form (placeholder, being built)."""

from django.http import HttpRequest, HttpResponse


def commune_suggestions(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
