"""`GET /api/v1/data-inclusion/structures` and `/services`: published data, paginated.

Public read views of the API (`annuaire.api`): same French errors, paging parameters,
conditional GET and OpenAPI document; only the page-size rules differ (100 per page by
default, up to 250; cached) and a page past the last one is empty rather than an error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from annuaire.api import schema
from annuaire.api.conditional import latest
from annuaire.api.pagination import PageNumberPagination
from annuaire.api.views.base import PublicReadView, validated_pagination
from annuaire.core import published
from annuaire.directory.models import Offer, Structure
from annuaire.interop import settings as interop_settings
from annuaire.interop.datainclusion import mapping
from annuaire.interop.datainclusion.zones import zones_for

SCHEMA_URL = "https://github.com/gip-inclusion/data-inclusion-schema"
TAG = "data·inclusion"


class DataInclusionPagination(PageNumberPagination):
    default_page_size = 100
    # A page of 1,000 services cost 1.5–4 s of CPU (validation by the schema's models,
    # relations): smaller pages, and each page is cached (docs/benchmarks.md).
    max_page_size = 250
    empty_past_last_page = True


# Pages are kept this long at most, and dropped as soon as the published data changes
# (the generation of annuaire.core.published, also in the whole-response cache's keys).
CACHE_SECONDS = 300


def published_structures() -> QuerySet[Structure]:
    return Structure.objects.published().select_related("commune").order_by("pk")


def published_offer_places() -> QuerySet[Any]:
    """One row per (published offer, place): the data·inclusion services."""
    through = Offer.places.through
    return (
        through.objects.filter(offer__in=Offer.objects.published())
        .select_related("offer", "offer__structure", "offer__category", "place", "place__commune")
        .prefetch_related("offer__subcategories", "offer__places__commune")
        .order_by("offer_id", "place_id")
    )


def _documented(operation_id: str, summary: str, description: str, page_name: str, record: str) -> Any:
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=f"{description} Pagination : `page` et `taille` ({DataInclusionPagination.default_page_size} "
        f"par défaut, {DataInclusionPagination.max_page_size} au plus) ; une page au-delà de la dernière est vide. "
        f"Chaque enregistrement suit le modèle `{record}` du [schéma data·inclusion v1]({SCHEMA_URL}) "
        "(paquet Python `data-inclusion-schema`, module `data_inclusion.schema.v1`).",
        parameters=[schema.PAGE, schema.page_size_parameter(DataInclusionPagination)],
        responses={
            200: schema.page_of_objects(
                page_name, f"Enregistrements `{record}` du schéma data·inclusion v1 ({SCHEMA_URL})."
            ),
            304: schema.NOT_MODIFIED,
            400: schema.INVALID,
        },
        tags=[TAG],
    )


class DataInclusionListView(PublicReadView):
    def page(
        self,
        request: Request,
        rows: QuerySet[Any],
        to_records: Callable[[list[Any]], list[mapping.Record]],
        dates: Callable[[Any], Iterable[datetime | None]],
    ) -> Response:
        pagination = validated_pagination(request, pagination_class=DataInclusionPagination)
        site = interop_settings.site_url()
        identity = f"{site}|{interop_settings.source()}|{request.build_absolute_uri()}|{published.generation()}"
        key = "datainclusion:" + hashlib.sha256(identity.encode()).hexdigest()
        cached = cache.get(key)
        if cached is None:
            page = list(pagination.paginate(rows))
            cached = (latest(date for row in page for date in dates(row)), pagination.envelope(to_records(page)))
            cache.set(key, cached, CACHE_SECONDS)
        self.last_modified, envelope = cached
        return Response(envelope)


class StructuresView(DataInclusionListView):
    @_documented(
        "datainclusion_structures",
        "Les structures publiées, au schéma data·inclusion",
        "Une `Structure` data·inclusion par structure publiée de l'annuaire, dans l'ordre de leur création.",
        "PageStructuresDataInclusion",
        "Structure",
    )
    def get(self, request: Request) -> Response:
        source, base_url = interop_settings.source(), interop_settings.site_url()
        return self.page(
            request,
            published_structures(),
            lambda page: [mapping.structure_record(s, source=source, base_url=base_url) for s in page],
            lambda structure: [structure.updated_at],
        )


class ServicesView(DataInclusionListView):
    @_documented(
        "datainclusion_services",
        "Les services publiés, au schéma data·inclusion",
        "Un `Service` data·inclusion par offre publiée **et par lieu** où elle est proposée (identifiant "
        "`<uuid de l'offre>--<uuid du lieu>`), par offre puis par lieu.",
        "PageServicesDataInclusion",
        "Service",
    )
    def get(self, request: Request) -> Response:
        source, base_url = interop_settings.source(), interop_settings.site_url()

        def to_records(page: list[Any]) -> list[mapping.Record]:
            zones = zones_for(page)
            return [
                mapping.service_record(
                    row.offer, row.place, source=source, base_url=base_url, zone=zones.of(row.offer, row.place)
                )
                for row in page
            ]

        return self.page(
            request, published_offer_places(), to_records, lambda row: [row.offer.updated_at, row.place.updated_at]
        )
