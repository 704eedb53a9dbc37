"""`/etat-de-l-offre/`: the public summary of what the directory holds and where care is missing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from annuaire.insight import figures
from annuaire.insight.forms import CoverageForm
from annuaire.insight.territory import instance_territory
from annuaire.insight.views import downloads
from annuaire.insight.views.context import coverage_context, figures_context


def state_of_offer(request: HttpRequest) -> HttpResponse:
    territory = instance_territory()
    form = CoverageForm(request.GET)
    context = {
        "region_name": territory.label,
        **coverage_context(form, territory),
        **figures_context(figures.compute(territory)),
    }
    status = 400 if context["errors"] else 200
    return render(request, "insight/state_of_offer.html", context, status=status)


def coverage_download(request: HttpRequest, fmt: str) -> HttpResponse:
    return downloads.coverage_download(request, instance_territory(), fmt)


def figures_download(request: HttpRequest, fmt: str) -> HttpResponse:
    return downloads.figures_download(request, instance_territory(), fmt)
