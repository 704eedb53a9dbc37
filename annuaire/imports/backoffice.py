"""The import screen in the back office, /espace/import/ (docs/import.md): territorial
coordinators and regional administrators only. What they import goes to territorial review
(coordinator) or regional review (regional administrator) when they submit it: the importer decides.
Each import has its own page, /espace/import/<n>/, seen by the person who started it only."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from annuaire.espace.views.access import actor_of, espace_view
from annuaire.imports.models import ImportRun
from annuaire.imports.screen import Screen, finish_response, run_screen, upload_screen

SCREEN = Screen(run_url=lambda run: reverse("imports:run", args=[run.pk]))


def _check_role(request: HttpRequest) -> None:
    actor = actor_of(request)
    if not (actor.is_coordinator or actor.is_regional_admin):
        raise PermissionDenied("L'import de fichiers est réservé aux coordinateurs et aux administrateurs régionaux.")


@espace_view
def import_file(request: HttpRequest) -> HttpResponse:
    _check_role(request)
    outcome = upload_screen(request, SCREEN)
    if isinstance(outcome, HttpResponse):
        return outcome
    return render(request, "imports/espace_import.html", outcome)


@espace_view
def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    _check_role(request)
    run = ImportRun.objects.filter(pk=pk, user_id=int(request.user.pk or 0)).first()
    if run is None:
        raise Http404("Aucun import de ce numéro parmi les vôtres.")
    outcome = run_screen(request, run, SCREEN)
    if isinstance(outcome, HttpResponse):
        return outcome
    return finish_response(request, run, render(request, "imports/espace_run.html", outcome))
