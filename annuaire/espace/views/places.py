"""The places of a structure: where its offers are delivered."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from annuaire.directory.models import Place
from annuaire.espace.editing.place_form import PlaceForm
from annuaire.espace.editing.reason import saving_with_reason
from annuaire.espace.views.access import actor_of, espace_view
from annuaire.espace.views.structure_edit import structure_for


@espace_view
def place_create(request: HttpRequest, structure_pk: int) -> HttpResponse:
    structure = structure_for(request, structure_pk)
    return _edit(request, Place(structure=structure))


@espace_view
def place_edit(request: HttpRequest, pk: int) -> HttpResponse:
    places = Place.objects.filter(actor_of(request).structure_q("structure__")).select_related("structure", "commune")
    return _edit(request, get_object_or_404(places, pk=pk))


def _edit(request: HttpRequest, place: Place) -> HttpResponse:
    form = PlaceForm(request.POST or None, instance=place)
    if request.method == "POST" and form.is_valid():
        with saving_with_reason(form, request.user):
            form.save()
        messages.success(request, f"Le lieu « {place.name} » est enregistré.")
        return redirect("espace:structure", pk=place.structure_id)
    return render(
        request, "espace/saisie/place_form.html", {"structure": place.structure, "place": place, "form": form}
    )
