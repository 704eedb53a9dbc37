"""The import screen in the back office, /espace/import/ (docs/import.md): territorial
coordinators and regional administrators only. What they import goes to territorial review
(coordinator) or regional review (regional administrator) when they submit it: the importer decides."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from annuaire.espace.views.access import actor_of, espace_view
from annuaire.imports.screen import import_screen


@espace_view
def import_file(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not (actor.is_coordinator or actor.is_regional_admin):
        raise PermissionDenied("L'import de fichiers est réservé aux coordinateurs et aux administrateurs régionaux.")
    return render(request, "imports/espace_import.html", import_screen(request))
