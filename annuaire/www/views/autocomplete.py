"""Commune suggestions for the search form: `<option>` elements for its `<datalist>`.

`GET /communes/suggestions/?commune=quimp` → up to 8 communes labelled "Quimper (29)",
a label the search form accepts as is.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from annuaire.geo.models import Commune

MAX_SUGGESTIONS = 8
MIN_LETTERS = 2


def commune_suggestions(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("commune", "").strip()[:150]
    communes = []
    if len(text) >= MIN_LETTERS and not text.endswith(")"):
        communes = list(Commune.objects.lookup(text)[:MAX_SUGGESTIONS])
    response = render(request, "www/partials/commune_suggestions.html", {"communes": communes})
    response["Cache-Control"] = "public, max-age=3600"
    return response
