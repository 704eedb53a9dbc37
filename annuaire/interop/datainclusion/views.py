"""`GET /api/v1/data-inclusion/structures` and `/services`: published data, paginated."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, Place, Structure
from annuaire.interop import settings as interop_settings
from annuaire.interop.datainclusion import mapping

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


class BadRequest(ValueError):
    pass


def _positive_int(request: HttpRequest, name: str, default: int, maximum: int | None = None) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise BadRequest(f"Le paramètre « {name} » doit être un nombre entier supérieur ou égal à 1.")
    value = int(raw)
    if maximum is not None and value > maximum:
        raise BadRequest(f"Le paramètre « {name} » ne peut pas dépasser {maximum}.")
    return value


def _page(request: HttpRequest, queryset: QuerySet[Any], to_record: Any) -> JsonResponse:
    try:
        page = _positive_int(request, "page", 1)
        size = _positive_int(request, "taille", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    except BadRequest as error:
        return JsonResponse({"detail": str(error)}, status=400)
    count = queryset.count()
    start = (page - 1) * size
    rows = list(queryset[start : start + size]) if start < count else []

    def link(number: int) -> str:
        return request.build_absolute_uri(request.path) + "?" + urlencode({"page": number, "taille": size})

    return JsonResponse(
        {
            "count": count,
            "next": link(page + 1) if start + size < count else None,
            "previous": link(page - 1) if page > 1 else None,
            "results": [to_record(row) for row in rows],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def published_structures() -> QuerySet[Structure]:
    return Structure.objects.published().select_related("commune").order_by("pk")


def published_offer_places() -> QuerySet[Any]:
    """One row per (published offer, place): the data·inclusion services."""
    through = Offer.places.through
    return (
        through.objects.filter(
            offer__status=PublicationStatus.PUBLISHED, offer__structure__status=PublicationStatus.PUBLISHED
        )
        .select_related("offer", "offer__structure", "offer__category", "place", "place__commune")
        .prefetch_related("offer__subcategories")
        .order_by("offer_id", "place_id")
    )


@require_GET
def structures(request: HttpRequest) -> JsonResponse:
    source, base_url = interop_settings.source(), interop_settings.public_base_url(request)
    return _page(
        request,
        published_structures(),
        lambda structure: mapping.structure_record(structure, source=source, base_url=base_url),
    )


@require_GET
def services(request: HttpRequest) -> JsonResponse:
    source, base_url = interop_settings.source(), interop_settings.public_base_url(request)

    def to_record(row: Any) -> mapping.Record:
        offer: Offer = row.offer
        place: Place = row.place
        return mapping.service_record(offer, place, source=source, base_url=base_url)

    return _page(request, published_offer_places(), to_record)
