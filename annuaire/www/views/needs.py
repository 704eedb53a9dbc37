""" "Faire le point" (/mes-besoins/): the needs self-assessment, its results, the page to print
and the professional version that prepares an orientation sheet.

Privacy by construction (docs/adr/0019): GET forms only, answers travel in the URL, nothing is
written (no row, no session, no cookie) and responses are never cached by a shared proxy.
The domain (annuaire.needs) reads and ranks the answers; this module parses the request and
lays out the pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from annuaire.core.text import format_km
from annuaire.directory.search import RADIUS_CHOICES, default_radius_km, nearest_place
from annuaire.geo.models import Commune
from annuaire.needs.assessment import Assessment, CareSuggestion, Level, ThemeNeed, parse_moment
from annuaire.needs.models import Moment
from annuaire.needs.nearby import NearbyOffer, nearby_offers
from annuaire.www.forms import SearchForm
from annuaire.www.selection import MAX_OFFERS
from annuaire.www.views.presentation import OfferFacts, offer_facts

OFFERS_PER_THEME = 3


@dataclass
class SearchArea:
    """Where the person wants care: the commune and radius as the public search reads them."""

    commune_text: str = ""
    radius_text: str = ""
    commune: Commune | None = None
    radius_km: float = field(default_factory=default_radius_km)
    errors: list[str] = field(default_factory=list)

    @property
    def radius_label(self) -> str:
        return format_km(self.radius_km)

    def search_params(self) -> list[tuple[str, str]]:
        if self.commune is None:
            return []
        return [("commune", self.commune_text), ("rayon", format_km(self.radius_km))]


def read_area(data: Any) -> SearchArea:
    """Commune and radius through the search form itself: same meaning, same French messages."""
    area = SearchArea(commune_text=(data.get("commune") or "").strip(), radius_text=(data.get("rayon") or "").strip())
    if not area.commune_text:
        return area
    form = SearchForm({"commune": area.commune_text, "rayon": area.radius_text})
    if form.is_valid():
        criteria = form.criteria()
        area.commune, area.radius_km = criteria.commune, criteria.radius_km or area.radius_km
    else:
        area.errors = [str(message) for name in ("commune", "rayon") for message in form.errors.get(name, [])]
    return area


@dataclass
class CareLink:
    suggestion: CareSuggestion
    search_url: str


@dataclass
class OfferCard:
    facts: OfferFacts
    distance: str
    address: str
    phone: str
    suggested: bool = False

    @property
    def offer(self) -> Any:
        return self.facts.offer


@dataclass
class NeedEntry:
    need: ThemeNeed
    care_links: list[CareLink]
    offers: list[OfferCard]


def _search_url(suggestion: CareSuggestion, area: SearchArea) -> str:
    params = [("categorie", suggestion.category.code)]
    params += [("sous_categorie", sub.code) for sub in suggestion.subcategories]
    return f"{reverse('www:search')}?{urlencode(params + area.search_params())}"


def _card(nearby: NearbyOffer, commune: Commune) -> OfferCard:
    location = nearest_place(nearby.offer, commune.point)
    return OfferCard(
        facts=offer_facts(nearby.offer),
        distance=f"à {format_km(nearby.distance_km)} km",
        address=location.full_address if location else "",
        phone=nearby.offer.phone_for(location),
    )


def _entries(needs: list[ThemeNeed], area: SearchArea, professional: bool) -> list[NeedEntry]:
    nearby: dict[int, list[NearbyOffer]] = {}
    if area.commune is not None:
        nearby = nearby_offers(needs, area.commune, area.radius_km, per_theme=OFFERS_PER_THEME, distinct=professional)
    entries = []
    for need in needs:
        cards = [_card(item, area.commune) for item in nearby.get(need.theme.pk, [])] if area.commune else []
        if cards:
            cards[0].suggested = True  # the nearest offer of each theme is ticked on the sheet
        links = [CareLink(s, _search_url(s, area)) for s in need.care]
        entries.append(NeedEntry(need=need, care_links=links, offers=cards))
    return entries


def _sheet_url(offer_ids: list[int]) -> str:
    """The orientation sheet's own URL form, `/fiche-orientation/?offre=1&offre=2`."""
    if not offer_ids:
        return ""
    return f"{reverse('www:orientation_sheet')}?{urlencode([('offre', pk) for pk in offer_ids[:MAX_OFFERS]])}"


def _private(response: HttpResponse) -> HttpResponse:
    """Answers are in the URL: keep them out of search engines and of other sites' logs."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _context(request: HttpRequest, professional: bool) -> dict[str, Any]:
    moment = parse_moment(request.GET.get("moment"))
    context: dict[str, Any] = {
        "professional": professional,
        "moments": Moment,
        "levels": Level.choices,
        "moment_error": "moment" in request.GET and moment is None,
        "radius_choices": RADIUS_CHOICES,
        "default_radius": settings.DEFAULT_RADIUS_KM,
    }
    if moment is not None:
        context["assessment"] = Assessment.read(moment, request.GET)
        context["area"] = read_area(request.GET)
    return context


@never_cache
def questionnaire(request: HttpRequest, professional: bool = False) -> HttpResponse:
    """Without `moment`: choose the version. With it: the questions, answers kept when coming back."""
    context = _context(request, professional)
    if "assessment" in context:
        context["back_query"] = urlencode(context["assessment"].query() + context["area"].search_params())
    status = 400 if context["moment_error"] else 200
    return _private(render(request, "www/needs/questionnaire.html", context, status=status))


@never_cache
def result(request: HttpRequest, professional: bool = False) -> HttpResponse:
    context = _context(request, professional)
    if "assessment" not in context:
        return _private(
            render(request, "www/needs/questionnaire.html", context, status=400 if context["moment_error"] else 200)
        )
    assessment: Assessment = context["assessment"]
    area: SearchArea = context["area"]
    needs = assessment.needs()
    entries = _entries(needs, area, professional)
    suggested = list(dict.fromkeys(card.offer.pk for entry in entries for card in entry.offers if card.suggested))
    query = assessment.query() + area.search_params()
    context.update(
        {
            "entries": entries,
            "query": urlencode(query),
            "edit_url": f"{reverse('www:needs_professional' if professional else 'www:needs')}?{urlencode(query)}",
            "print_url": f"{reverse('www:needs_print')}?{urlencode(query)}",
            "sheet_url": _sheet_url(suggested),
            "max_offers": MAX_OFFERS,
            "has_non_conventional": any(card.facts.is_non_conventional for e in entries for card in e.offers),
        }
    )
    return _private(render(request, "www/needs/result.html", context))


@never_cache
def print_sheet(request: HttpRequest) -> HttpResponse:
    """One A4 page for the doctor or the coordination nurse: what weighs and the kinds of care."""
    context = _context(request, professional=False)
    if "assessment" not in context:
        return _private(
            render(request, "www/needs/questionnaire.html", context, status=400 if context["moment_error"] else 200)
        )
    assessment: Assessment = context["assessment"]
    context["needs"] = assessment.needs()
    context["query"] = urlencode(assessment.query() + context["area"].search_params())
    context["today"] = timezone.localdate()
    return _private(render(request, "www/needs/print.html", context))
