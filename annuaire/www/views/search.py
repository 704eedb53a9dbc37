"""The public search page: a GET form whose parameters are those of the API.

Works without JavaScript; with htmx, a request carrying `HX-Request` gets only the
results region (the page URL is pushed by htmx, so filters stay shareable).
The page costs a constant number of SQL queries, whatever the number of results.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from annuaire.core import published
from annuaire.core.geodesy import Point
from annuaire.core.text import format_km
from annuaire.directory.result_rows import PlaceRow, ResultPages, ResultRow
from annuaire.directory.search import CHOICE_FILTERS, SearchCriteria, default_radius_km, radius_choices
from annuaire.geo.lookup import all_departements
from annuaire.geo.models import Commune, Departement
from annuaire.insight.searches import record_search
from annuaire.taxonomy.lookups import active_subcategories_of
from annuaire.taxonomy.models import Category
from annuaire.verification.schedule import is_past_period
from annuaire.www import selection
from annuaire.www.forms import SearchForm
from annuaire.www.jinja_render import render_jinja, selection_context
from annuaire.www.layout import render_in_layout
from annuaire.www.views.presentation import map_layers, tel_href
from annuaire.www.views.search_advice import widening_advice

# Fields of the search form, in display order, with the id of the control an error links to.
FIELD_ORDER = [
    "categorie",
    "parcours",
    "departement",
    "commune",
    "rayon",
    "q",
    "sous_categorie",
    *CHOICE_FILTERS,
    "gratuit",
    "ouvert",
]
REFINEMENTS = ["sous_categorie", *CHOICE_FILTERS, "gratuit"]
# A page number beyond is past the last page whatever the data (the directory has fewer than
# 20 million offers): not read, the last page is shown (an OFFSET that big must not be asked).
MAX_PAGE_NUMBER = 1_000_000


@dataclass
class ResultCard:
    """A result as its card shows it, every value computed once here rather than looked up
    through several levels in the template (docs/adr/0033: the cards were most of the page's
    rendering time)."""

    place: PlaceRow | None  # the nearest to the searched commune
    distance: str
    phone: str
    number: int  # its number in the list and on the map
    pk: int
    url: str
    title: str
    structure_name: str
    commune_name: str  # of `place`
    is_free: bool
    cost_label: str
    is_non_conventional: bool
    verified_on: str  # "3 mars 2026", or empty when never verified
    check_under_way: bool
    closed_today: bool
    tel_href: str


@selection.fresh_when_selecting
def search(request: HttpRequest) -> HttpResponse:
    is_htmx = (
        request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"
    )
    form = SearchForm(request.GET)
    valid = form.is_valid()
    criteria = form.criteria() if valid else None
    context: dict[str, Any] = {
        "form_values": _form_values(request.GET, form, criteria),
        "errors": _errors(form),
        "criteria": criteria,
        "is_htmx": is_htmx,
        "map": map_layers(),
        "page": None,
        "page_message": "",
        "cards": [],
        "count_sentence": "",
        "advice": [],
        "map_markers": [],
        "map_centre": None,
        "refinement_open": any(request.GET.get(name) for name in REFINEMENTS),
        # The home page asks the question first; results come once something is asked.
        "asked": bool(request.GET),
        "other_communes": _commune_links(request.GET, form.other_communes) if valid else [],
        "homonyms": _commune_links(request.GET, form.homonyms),
        "current_url": request.get_full_path(),
        "default_radius": format_km(default_radius_km()),
    }
    context["categories"] = form.categories
    category = form.cleaned_data.get("categorie")
    context["subcategory_options"] = _subcategory_options(category, context["form_values"]["selected_subcategories"])
    if context["asked"]:
        departements = all_departements()
        context["departement_options"] = _departement_options(departements, context["form_values"]["departement"])
        context["choice_groups"] = _choice_groups_html(context["form_values"]["choice_groups"])
        context["map_bounds"] = _map_bounds(departements)
        if criteria is not None:
            context.update(_results(request, criteria, departements))
    context["page_title"] = _page_title(context)
    if context["asked"] or is_htmx:
        context["results_html"] = render_jinja(
            "www/results.html", {**context, **selection_context(request), "request": request}
        )
    # With errors to show, or stale ones to clear (the client says so), htmx swaps the whole block.
    whole_block = is_htmx and (not valid or request.headers.get("X-Search-Block") == "1")
    if is_htmx and not whole_block:
        # The results, with the title and the "soins précis" of the category swapped out of band.
        context["subcategories_oob"] = render_jinja("www/subcategories.html", {**context, "oob": True})
        response = HttpResponse(render_jinja("www/results_swap.html", {**context, "site_name": settings.SITE_NAME}))
    else:
        if context["asked"]:
            context["subcategories_html"] = render_jinja("www/subcategories.html", {**context, "oob": False})
        page_html = render_jinja("www/search_page.html", {**context, "request": request})
        response = render_in_layout(request, "www/search.html", context["page_title"], page_html)
    if whole_block:
        response["HX-Retarget"] = "#recherche"
        response["HX-Reselect"] = "#recherche"
        response["HX-Reswap"] = "outerHTML"
    response["Vary"] = "HX-Request"
    return response


def _results(request: HttpRequest, criteria: SearchCriteria, departements: list[Departement]) -> dict[str, Any]:
    paginator = ResultPages(criteria, settings.SEARCH_PAGE_SIZE)
    page, page_message = _page(paginator, request.GET.get("page", ""))
    record_search(criteria, paginator.count, request)
    centre, first, today = criteria.centre, page.start_index(), timezone.localdate()
    cards = [_card(row, centre, first + i, today) for i, row in enumerate(page.object_list)]
    return {
        "page": page,
        "page_message": page_message,
        "page_links": page_links(page),
        "cards": cards,
        "count_sentence": _count_sentence(paginator.count, criteria),
        "advice": widening_advice(request.GET, criteria, departements) if paginator.count == 0 else [],
        "map_centre": _map_centre(criteria),
        "map_markers": [
            {
                "number": card.number,
                "lat": card.place.lat,
                "lng": card.place.lng,
                "title": card.title,
                "url": card.url,
                "detail": f"{card.structure_name} – {card.commune_name}",
            }
            for card in cards
            if card.place is not None and card.place.lat is not None and card.place.lng is not None
        ],
    }


def _page(paginator: ResultPages, raw: str) -> tuple[Page, str]:
    raw = raw.strip()
    try:
        number = int(raw) if raw else 1
    except ValueError:
        return paginator.page(1), f"Le numéro de page « {raw[:20]} » n'est pas valide : voici la première page."
    if number < 1:
        return paginator.page(1), "Voici la première page des résultats."
    if number <= MAX_PAGE_NUMBER:
        paginator.read(number)  # and with it, around a commune, the count
    if number > paginator.num_pages:
        last = paginator.num_pages
        message = (
            f"La page {number} n'existe pas : voici la dernière page ({last})."
            if paginator.count
            else "Aucune offre ne correspond : il n'y a pas d'autre page."
        )
        return paginator.page(last), message
    return paginator.page(number), ""


def page_links(page: Page) -> list[int | None]:
    """The page numbers to link to: the first, the last and two on each side of the current
    one; None where numbers are left out. Never walks every page (4,000 at national scale)."""
    elided = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return [number if isinstance(number, int) else None for number in elided]


def _card(row: ResultRow, centre: Point | None, number: int, today: date) -> ResultCard:
    place = row.nearest_place(centre)
    phone = row.phone_for(place)
    verified = row.last_verified_at
    return ResultCard(
        place=place,
        distance=f"à {format_km(row.distance_km)} km" if row.distance_km is not None else "",
        phone=phone,
        number=number,
        pk=row.pk,
        url=row.url,
        title=row.title,
        structure_name=row.structure_name,
        commune_name=place.commune_name if place else "",
        is_free=row.is_free_for_patient,
        cost_label=row.cost_label_short,
        is_non_conventional=row.is_non_conventional,
        verified_on=_long_date(verified) if verified else "",
        check_under_way=is_past_period(verified, today) if verified else False,
        closed_today=row.closed_today,
        tel_href=tel_href(phone),
    )


@functools.lru_cache(maxsize=1024)
def _long_date(day: date) -> str:
    """ "3 mars 2026" (the site speaks French only; a page shows twenty dates, most alike)."""
    return date_format(day, "j F Y")


def _map_centre(criteria: SearchCriteria) -> dict[str, Any] | None:
    """The searched commune on the map: a marker and the radius."""
    commune = criteria.commune
    if commune is None or commune.lat is None or commune.lng is None:
        return None
    return {"lat": commune.lat, "lng": commune.lng, "label": commune.label, "radius_km": criteria.radius_km}


def _commune_links(params: QueryDict, communes: list[Commune]) -> list[dict[str, str]]:
    """The same search around each of `communes` (another commune of the postal code, or a homonym)."""
    links = []
    for commune in communes:
        query = params.copy()
        query.pop("page", None)
        query["commune"] = commune.label
        links.append({"name": commune.name, "departement": str(commune.departement), "url": f"?{query.urlencode()}"})
    return links


def _count_sentence(count: int, criteria: SearchCriteria) -> str:
    if count == 0:
        sentence = "Aucune offre trouvée"
    elif count == 1:
        sentence = "1 offre trouvée"
    else:
        sentence = f"{count} offres trouvées"
    if criteria.commune is not None:
        sentence += f" près de {criteria.commune.label}"
        if criteria.radius_km is not None:
            sentence += f" dans un rayon de {format_km(criteria.radius_km)} km"
    if criteria.departement is not None:
        sentence += f" dans le département {criteria.departement}"
    return sentence


def _errors(form: SearchForm) -> list[dict[str, str]]:
    """Errors in form order, each with the id of its field (error summary and aria-describedby)."""
    errors = form.errors
    ordered = [name for name in FIELD_ORDER if name in errors] + [n for n in errors if n not in FIELD_ORDER]
    result = []
    for name in ordered:
        label = str(form.fields[name].label) if name in form.fields else "Recherche"
        for message in errors[name]:
            result.append({"field": name, "label": label, "message": str(message), "anchor": _anchor(name)})
    return result


def _anchor(name: str) -> str:
    if name in ("sous_categorie", *CHOICE_FILTERS):
        return f"groupe-{name}"
    return f"champ-{name}"


def _selected_codes(params: QueryDict, name: str) -> set[str]:
    return {code.strip() for value in params.getlist(name) for code in value.split(",") if code.strip()}


def _form_values(params: QueryDict, form: SearchForm, criteria: SearchCriteria | None) -> dict[str, Any]:
    commune_value = params.get("commune", "").strip()
    if criteria is not None and criteria.commune is not None:
        commune_value = criteria.commune.label
    errors = form.errors
    values: dict[str, Any] = {
        "q": params.get("q", ""),
        "categorie": params.get("categorie", "").strip(),
        "parcours": bool(params.get("parcours")),
        "departement": params.get("departement", "").strip().upper(),
        "commune": commune_value,
        "rayon": params.get("rayon", "").strip().removesuffix("km").strip() or format_km(default_radius_km()),
        "radius_choices": [format_km(r) for r in radius_choices()],
        "gratuit": bool(params.get("gratuit")),
        "ouvert": bool(params.get("ouvert")),
        "error_ids": {name: f"erreur-{name}" if name in errors else "" for name in form.fields},
        "field_errors": {name: "; ".join(str(m) for m in errors.get(name, [])) for name in form.fields},
        "choice_groups": [],
    }
    # Each field's message, ready to show under it (an include per field cost a tenth of the page).
    values["error_html"] = {
        name: format_html(
            '<p class="error-message" id="{}"><span class="visually-hidden">Erreur : </span>{}</p>', error_id, message
        )
        if (message := values["field_errors"][name]) and (error_id := values["error_ids"][name])
        else ""
        for name in form.fields
    }
    # A radius typed in the URL (e.g. 12.5) is offered in the list once the form has validated it.
    radius = form.cleaned_data.get("rayon") if "rayon" not in errors else None
    if radius is not None:
        values["rayon"] = format_km(radius)
        if values["rayon"] not in values["radius_choices"]:
            values["radius_choices"] = [format_km(r) for r in sorted({*radius_choices(), radius})]
    for name, (_field, vocabulary) in CHOICE_FILTERS.items():
        selected = _selected_codes(params, name)
        values["choice_groups"].append(
            {
                "name": name,
                "legend": form.fields[name].label,
                "error": "; ".join(str(m) for m in errors.get(name, [])),
                "options": [
                    {"value": value, "label": label, "checked": value in selected, "id": f"champ-{name}-{value}"}
                    for value, label in vocabulary.choices
                ],
            }
        )
    values["selected_subcategories"] = _selected_codes(params, "sous_categorie")
    values["subcategory_error"] = "; ".join(str(m) for m in errors.get("sous_categorie", []))
    return values


def _subcategory_options(category: Category | None, chosen: set[str]) -> list[dict[str, Any]]:
    if category is None:
        return []
    return [
        {"value": s.code, "label": s.label, "checked": s.code in chosen, "id": f"champ-sous_categorie-{s.code}"}
        for s in active_subcategories_of(category)
    ]


def _departement_options(departements: list[Departement], selected: str) -> SafeString:
    """The `<option>`s of the département select, the region's first: the same for every
    visitor choosing `selected`, so rendered once per process until the public data change
    (a hundred options cost as much as the result list)."""
    if not any(d.code == selected for d in departements):
        selected = ""  # an unknown code (the form says so) selects nothing: one key, not one per typo
    return published.remembered(
        "www.departement_options",
        (settings.DEFAULT_REGION, selected),
        lambda: render_jinja("www/departement_options.html", {"groups": _departement_groups(departements, selected)}),
    )


def _choice_groups_html(groups: list[dict[str, Any]]) -> SafeString:
    """The refinement checkboxes: the same for every visitor with the same choices ticked (and
    the same errors), so rendered once per process for each (nothing ticked, mostly)."""
    key = tuple((g["name"], g["error"], tuple(o["value"] for o in g["options"] if o["checked"])) for g in groups)
    return published.remembered(
        "www.choice_groups", key, lambda: render_jinja("www/choice_groups.html", {"choice_groups": groups})
    )


def _departement_groups(departements: list[Departement], selected: str) -> list[dict[str, Any]]:
    """The départements of the select in groups, the region's first."""
    regional = [d for d in departements if d.region_id == settings.DEFAULT_REGION]
    others = [d for d in departements if d.region_id != settings.DEFAULT_REGION]
    groups = []
    if regional:
        groups.append((regional[0].region.name, regional))
    if others:
        groups.append(("Autres départements" if regional else "Départements", others))
    return [
        {
            "label": label,
            "departements": members,
            "options": [{"code": d.code, "name": d.name, "selected": d.code == selected} for d in members],
        }
        for label, members in groups
    ]


def _map_bounds(departements: list[Departement]) -> str:
    """ "south,west,north,east" around the centres of the region's départements: the map's default view."""
    regional = [d for d in departements if d.region_id == settings.DEFAULT_REGION] or departements
    if not regional:
        return ""
    lats, lngs = [d.lat for d in regional], [d.lng for d in regional]
    return f"{min(lats) - 0.6:.2f},{min(lngs) - 0.9:.2f},{max(lats) + 0.6:.2f},{max(lngs) + 0.9:.2f}"


def _page_title(context: dict[str, Any]) -> str:
    title = "Trouver un soin de support"
    if context["errors"]:
        return f"Erreur dans la recherche – {title}"
    if context["count_sentence"]:
        page = context["page"]
        suffix = f", page {page.number} sur {page.paginator.num_pages}" if page and page.paginator.num_pages > 1 else ""
        return f"{context['count_sentence']}{suffix} – {title}"
    return title
