"""`GET /api/v1/data-inclusion/structures` and `/services`: published data, paginated.

Public read views of the API (`annuaire.api`): same French errors, paging parameters,
conditional GET and OpenAPI document; only the page-size rules differ (100 per page by
default, up to 1000) and a page past the last one is empty rather than an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from annuaire.api import schema
from annuaire.api.conditional import latest
from annuaire.api.pagination import PageNumberPagination
from annuaire.api.views.base import PublicReadView, validated_pagination
from annuaire.directory.models import Offer, Place, Structure
from annuaire.interop import settings as interop_settings
from annuaire.interop.datainclusion import mapping

SCHEMA_URL = "https://github.com/gip-inclusion/data-inclusion-schema"
TAG = "data·inclusion"


class DataInclusionPagination(PageNumberPagination):
    default_page_size = 100
    max_page_size = 1000
    empty_past_last_page = True


def published_structures() -> QuerySet[Structure]:
    return Structure.objects.published().select_related("commune").order_by("pk")


def published_offer_places() -> QuerySet[Any]:
    """One row per (published offer, place): the data·inclusion services."""
    through = Offer.places.through
    return (
        through.objects.filter(offer__in=Offer.objects.published())
        .select_related("offer", "offer__structure", "offer__category", "place", "place__commune")
        .prefetch_related("offer__subcategories")
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
        to_record: Callable[[Any], mapping.Record],
        dates: Callable[[Any], Iterable[datetime | None]],
    ) -> Response:
        pagination = validated_pagination(request, pagination_class=DataInclusionPagination)
        page = pagination.paginate(rows)
        self.last_modified = latest(date for row in page for date in dates(row))
        return Response(pagination.envelope([to_record(row) for row in page]))


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
            lambda structure: mapping.structure_record(structure, source=source, base_url=base_url),
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

        def to_record(row: Any) -> mapping.Record:
            offer: Offer = row.offer
            place: Place = row.place
            return mapping.service_record(offer, place, source=source, base_url=base_url)

        return self.page(
            request, published_offer_places(), to_record, lambda row: [row.offer.updated_at, row.place.updated_at]
        )
