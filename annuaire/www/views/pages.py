"""Offer and structure pages, information pages about supportive care and about the directory."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, Place, Structure
from annuaire.insight.searches import MIN_GROUP
from annuaire.taxonomy.models import Category, SubCategory
from annuaire.www import selection
from annuaire.www.views.presentation import PARCOURS_GLOBAL_TEXT, offer_facts, places_map


@selection.fresh_when_selecting
def offer_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.published().with_result_relations(), pk=pk)
    canonical = offer.get_absolute_url()
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    facts = offer_facts(offer)
    return render(
        request,
        "www/offer_detail.html",
        {
            "offer": offer,
            "facts": facts,
            "structure": offer.structure,
            "parcours_global_text": PARCOURS_GLOBAL_TEXT,
            "map": places_map(facts.places),
        },
    )


@selection.fresh_when_selecting
def structure_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    published_offers = (
        Offer.objects.filter(status=PublicationStatus.PUBLISHED)
        .select_related("category")
        .prefetch_related("subcategories")
        .order_by("category__order", "category__label", "title")
    )
    structure = get_object_or_404(
        Structure.objects.published()
        .select_related("commune")
        .prefetch_related(
            # Only public places (a published offer is delivered there), as everywhere else.
            Prefetch("places", queryset=Place.objects.public().select_related("commune").order_by("name", "pk")),
            Prefetch("offers", queryset=published_offers, to_attr="published_offers"),
        ),
        pk=pk,
    )
    canonical = structure.get_absolute_url()
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    places = list(structure.places.all())
    offers: list[Offer] = structure.published_offers  # type: ignore[attr-defined]
    offers_by_category = [
        {"category": category, "offers": list(offers)}
        for category, offers in groupby(offers, key=lambda offer: offer.category)
    ]
    return render(
        request,
        "www/structure_detail.html",
        {
            "structure": structure,
            "places": places,
            "offers_by_category": offers_by_category,
            "offer_count": len(offers),
            "map": places_map(places),
        },
    )


def about_sos(request: HttpRequest) -> HttpResponse:
    categories = Category.objects.active().prefetch_related(
        Prefetch("subcategories", queryset=SubCategory.objects.filter(is_active=True).order_by("order", "label"))
    )
    return render(
        request,
        "www/about_sos.html",
        {"categories": categories, "parcours_global_text": PARCOURS_GLOBAL_TEXT},
    )


def about_directory(request: HttpRequest) -> HttpResponse:
    return render(request, "www/about_directory.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (RGAA format)."""
    context = {"site_url": settings.SITE_URL, "contact_email": settings.NETWORK_CONTACT_EMAIL}
    return render(request, "www/accessibility.html", context)


FAVICON = Path(settings.BASE_DIR) / "static" / "favicon.ico"


def favicon(request: HttpRequest) -> HttpResponse:
    """`/favicon.ico`, where browsers and bookmarks look for it (pages link the SVG one too)."""
    response = HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "www/privacy.html",
        {"retention_months": settings.SEARCH_STATS_RETENTION_MONTHS, "min_group": MIN_GROUP},
    )
