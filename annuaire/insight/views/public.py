"""`/etat-de-l-offre/`: the public summary of what the directory holds and where care is missing."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from annuaire.insight import coverage, figures
from annuaire.insight.forms import CoverageForm
from annuaire.insight.tables import download
from annuaire.insight.territory import instance_territory
from annuaire.insight.views.context import coverage_context, figures_context

FORMATS = ("csv", "xlsx")


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
    if fmt not in FORMATS:
        raise Http404("Format inconnu.")
    form = CoverageForm(request.GET)
    if not form.is_valid() or form.cleaned_data["categorie"] is None:
        return HttpResponse(
            "; ".join(form.error_list()) or "Aucun type de soin.", status=400, content_type="text/plain; charset=utf-8"
        )
    data = form.cleaned_data
    report = coverage.report_for(data["categorie"], instance_territory(), data["km"], data["sous_categorie"])
    name = f"couverture-{(data['sous_categorie'] or data['categorie']).code}-{data['km']:g}km"
    return download(fmt, name, coverage.GAP_HEADER, coverage.gap_rows([report]), "Couverture")


def figures_download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("Format inconnu.")
    computed = figures.compute(instance_territory())
    header, rows = figures.table_rows(computed)
    return download(fmt, "chiffres-offre", header, rows, "Par type de soin", figures.other_tables(computed))
