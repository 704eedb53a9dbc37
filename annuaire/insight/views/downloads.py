"""CSV/XLSX downloads of the network's tables, for a territory (public page and back office)."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from annuaire.insight import coverage, figures
from annuaire.insight.forms import CoverageForm
from annuaire.insight.searches import unmet_searches
from annuaire.insight.tables import download
from annuaire.insight.territory import Territory

FORMATS = ("csv", "xlsx")
SEARCH_HEADER = [
    "mois",
    "departement",
    "categorie",
    "sous_categories",
    "filtres",
    "mots",
    "recherches",
    "sans_resultat",
]


def year_ago() -> date:
    today = timezone.localdate()
    return date(today.year - 1, today.month, 1)


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise Http404("Format inconnu : choisissez csv ou xlsx.")


def coverage_download(request: HttpRequest, territory: Territory, fmt: str) -> HttpResponse:
    form = CoverageForm(request.GET)
    _check(fmt)
    if not form.is_valid() or form.cleaned_data["categorie"] is None:
        message = "; ".join(form.error_list()) or "Type de soin inconnu."
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    data = form.cleaned_data
    report = coverage.report_for(data["categorie"], territory, data["km"], data["sous_categorie"])
    name = f"couverture-{(data['sous_categorie'] or data['categorie']).code}-{data['km']:g}km"
    return download(fmt, name, coverage.GAP_HEADER, coverage.gap_rows([report]), "Couverture")


def searches_download(request: HttpRequest, territory: Territory, fmt: str) -> HttpResponse:
    _check(fmt)
    rows = [
        [
            u.month.strftime("%Y-%m"),
            u.departement,
            u.category,
            u.subcategories,
            u.filters,
            u.words,
            u.searches,
            u.without_result,
        ]
        for u in unmet_searches(territory, since=year_ago(), limit=1000)
    ]
    return download(fmt, "recherches-sans-reponse", SEARCH_HEADER, rows, "Recherches")


def figures_download(request: HttpRequest, territory: Territory, fmt: str) -> HttpResponse:
    _check(fmt)
    computed = figures.compute(territory)
    header, rows = figures.table_rows(computed)
    return download(fmt, "chiffres-offre", header, rows, "Par type de soin", figures.other_tables(computed))
