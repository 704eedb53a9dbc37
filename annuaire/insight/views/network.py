"""The network's screens (back office): coverage, unmet searches and figures of a territory.

The views take the territory the signed-in person may look at; the back office resolves it
from their roles (regional administrator: the region; coordinator: their territory).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from annuaire.directory.search import CHOICE_FILTERS
from annuaire.insight import figures
from annuaire.insight.forms import CoverageForm
from annuaire.insight.searches import FEW_RESULTS, MIN_GROUP, UnmetSearch, unmet_searches
from annuaire.insight.territory import Territory
from annuaire.insight.views.context import coverage_context, figures_context
from annuaire.insight.views.downloads import year_ago
from annuaire.taxonomy.models import Category, SubCategory


def coverage_screen(request: HttpRequest, territory: Territory, urls: dict[str, str]) -> HttpResponse:
    form = CoverageForm(request.GET)
    context = {"territory": territory, "urls": urls, "current": "coverage", **coverage_context(form, territory)}
    return render(request, "insight/network/coverage.html", context, status=400 if context["errors"] else 200)


def _described(unmet: list[UnmetSearch]) -> list[dict[str, Any]]:
    """Codes turned into the labels a coordinator reads."""
    categories = dict(Category.objects.values_list("code", "label"))
    codes = {code for u in unmet for code in u.subcategories.split(",") if code}
    subcategories = dict(SubCategory.objects.filter(code__in=codes).values_list("code", "label"))
    choice_labels = {
        f"{name}={value}": str(label)
        for name, (_field, vocabulary) in CHOICE_FILTERS.items()
        for value, label in vocabulary.choices
    }
    choice_labels |= {"parcours": "Parcours global après cancer", "gratuit": "Sans frais"}
    return [
        {
            "row": u,
            "category": categories.get(u.category, u.category) or "Tous les soins",
            "subcategories": ", ".join(subcategories.get(c, c) for c in u.subcategories.split(",") if c),
            "filters": ", ".join(choice_labels.get(f, f) for f in u.filters.split(",") if f),
        }
        for u in unmet
    ]


def searches_screen(request: HttpRequest, territory: Territory, urls: dict[str, str]) -> HttpResponse:
    unmet = unmet_searches(territory, since=year_ago())
    context = {
        "territory": territory,
        "urls": urls,
        "current": "searches",
        "rows": _described(unmet),
        "min_group": MIN_GROUP,
        "few_results": FEW_RESULTS,
    }
    return render(request, "insight/network/searches.html", context)


def figures_screen(request: HttpRequest, territory: Territory, urls: dict[str, str]) -> HttpResponse:
    context = {
        "territory": territory,
        "urls": urls,
        "current": "figures",
        **figures_context(figures.compute(territory)),
    }
    return render(request, "insight/network/figures.html", context)
