"""The public search page (placeholder, being built)."""

from django.http import HttpRequest, HttpResponse


def search(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Annuaire SOS")
