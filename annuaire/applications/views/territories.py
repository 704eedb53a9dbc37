"""The regional administrator's screen: where structures may apply (pilot territories)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from annuaire.applications import access
from annuaire.applications.forms.territory import OpenTerritoryForm
from annuaire.applications.territories import TerritoryError, close_territory, open_territory
from annuaire.applications.views.posted import post_data
from annuaire.espace.views.access import espace_view


def _regions(request: HttpRequest) -> set[str]:
    regions = access.administered_regions(request.user)
    if not regions:
        raise Http404("Page réservée aux administrateurs régionaux.")
    return regions


@espace_view
def territories(request: HttpRequest) -> HttpResponse:
    regions = _regions(request)
    form = OpenTerritoryForm(post_data(request), regions=regions)
    if request.method == "POST" and form.is_valid():
        try:
            territory = open_territory(
                departement=form.cleaned_data.get("departement"),
                commune=form.cleaned_data.get("commune"),
                by=request.user,  # type: ignore[arg-type]
            )
        except TerritoryError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Les candidatures sont ouvertes sur {territory}.")
            return redirect("candidatures:territories")
    rows = access.visible_territories(request.user).select_related(
        "departement", "commune__departement", "opened_by", "closed_by"
    )
    return render(
        request,
        "applications/espace/territories.html",
        {
            "form": form,
            "open_territories": [t for t in rows if t.closed_at is None],
            "closed_territories": [t for t in rows if t.closed_at is not None][:50],
        },
    )


@espace_view
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    _regions(request)
    territory = get_object_or_404(access.visible_territories(request.user), pk=pk)
    try:
        close_territory(territory, by=request.user)  # type: ignore[arg-type]
    except TerritoryError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Les candidatures sont fermées sur {territory}.")
    return redirect("candidatures:territories")
