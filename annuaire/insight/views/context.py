"""What the public page and the network's screens show: coverage and figures, ready for templates."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.templatetags.static import static

from annuaire.insight import coverage
from annuaire.insight.charts import bar_chart
from annuaire.insight.figures import YearlyFigures
from annuaire.insight.forms import KM_CHOICES, CoverageForm
from annuaire.insight.territory import Territory

# Distance bands of the map, nearest first: (upper bound in km, legend). Their colours are
# the classes .swatch-0 … .swatch-4 of static/css/insight.css (no inline style: strict CSP).
BANDS = [
    (10.0, "moins de 10 km"),
    (20.0, "de 10 à 20 km"),
    (30.0, "de 20 à 30 km"),
    (50.0, "de 30 à 50 km"),
    (float("inf"), "plus de 50 km, ou aucune offre"),
]
GAPS_SHOWN = 25


def format_km(value: float | None) -> str:
    if value is None:
        return "aucune offre"
    return f"{value:.1f} km".replace(".", ",")


def percent(share: float) -> str:
    return f"{share * 100:.0f} %"


def band(distance_km: float | None) -> int:
    """Index in BANDS of a distance (None: no offer at all, the last band)."""
    if distance_km is None:
        return len(BANDS) - 1
    return next(i for i, (upper, _legend) in enumerate(BANDS) if distance_km <= upper)


def map_points(report: coverage.CoverageReport) -> list[list[Any]]:
    """[lat, lng, band index, name, distance label] per commune, for static/js/coverage-map.js."""
    return [
        [round(c.lat, 4), round(c.lng, 4), band(c.distance_km), c.name, format_km(c.distance_km)]
        for c in report.communes
    ]


def coverage_context(form: CoverageForm, territory: Territory) -> dict[str, Any]:
    """The coverage part of a page; `form` is bound (its errors are shown, nothing computed)."""
    context: dict[str, Any] = {
        "form": form,
        "categories": form.categories,
        "km_choices": KM_CHOICES,
        "errors": [],
        "report": None,
        "bands": [legend for _upper, legend in BANDS],
        "outlines": static("geo/departements.geojson"),
    }
    if not form.is_valid():
        context["errors"] = form.error_list()
        return context
    category = form.cleaned_data["categorie"]
    if category is None:
        return context
    km = form.cleaned_data["km"]
    report = coverage.report_for(category, territory, km, form.cleaned_data["sous_categorie"])
    gaps = report.gaps
    context.update(
        {
            "report": report,
            "km": f"{km:g}".replace(".", ","),
            "km_value": f"{km:g}",
            "share_within": percent(report.share_within),
            "gap_count": len(gaps),
            "gap_population": sum(c.population for c in gaps),
            "gaps_shown": [{"commune": c, "distance": format_km(c.distance_km)} for c in gaps[:GAPS_SHOWN]],
            "map_points": map_points(report),
            "download_query": urlencode(
                {
                    "categorie": category.code,
                    "sous_categorie": form.cleaned_data["sous_categorie"].code
                    if form.cleaned_data["sous_categorie"]
                    else "",
                    "km": f"{km:g}",
                }
            ),
            "selected_category": category.code,
            "selected_subcategory": form.cleaned_data["sous_categorie"].code
            if form.cleaned_data["sous_categorie"]
            else "",
            "subcategories": list(category.subcategories.filter(is_active=True).order_by("order", "label")),
        }
    )
    return context


def figures_context(figures: YearlyFigures) -> dict[str, Any]:
    """The yearly figures with their charts (each chart has its data table in the template)."""
    return {
        "figures": figures,
        "verified_share": percent(figures.verified_share),
        "median_delay": f"{figures.median_delay_days:g}".replace(".", ",") if figures.median_delay_days else "",
        "category_chart": bar_chart(
            "graphique-categories",
            "Offres publiées par type de soin",
            [(r.category.label, r.offers) for r in figures.by_category],
            "offres",
        ),
        "kind_chart": bar_chart(
            "graphique-structures",
            "Structures par type",
            [(r.label, r.structures) for r in figures.by_kind if r.structures],
            "structures",
        ),
        "cost_chart": bar_chart(
            "graphique-cout",
            "Offres selon ce qui reste à payer",
            [(r.label, r.offers) for r in figures.by_cost],
            "offres",
        ),
        "months": [
            {
                "month": snapshot.month,
                "offers": snapshot.figures.get("offers", 0),
                "structures": snapshot.figures.get("structures", 0),
            }
            for snapshot in figures.months
        ],
    }
