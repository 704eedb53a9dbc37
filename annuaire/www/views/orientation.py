"""The printable orientation sheet (placeholder, being built)."""

from django.http import HttpRequest, HttpResponse


def orientation_sheet(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Fiche d'orientation")
