"""`GET /api/v1/offres` (the public search as JSON) and `GET /api/v1/offres/<id>`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from annuaire.api import schema
from annuaire.api.conditional import latest
from annuaire.api.errors import ResourceNotFound
from annuaire.api.offer_rows import OfferRow, offer_rows
from annuaire.api.pagination import PageNumberPagination
from annuaire.api.params import OfferSearchForm
from annuaire.api.serializers.offers import OfferSerializer, offer_representation
from annuaire.api.views.base import PublicReadView, check_pk, validated_pagination
from annuaire.core.geodesy import Point
from annuaire.core.text import format_km
from annuaire.directory.models import Offer
from annuaire.directory.search import SearchPaginator, default_radius_km
from annuaire.insight.searches import record_search

OFFER_NOT_FOUND = "Cette offre n'existe pas ou n'est pas publiée."


class OfferPagination(PageNumberPagination):
    """Deep pages of the search read through an index-only subquery (docs/adr/0033)."""

    paginator_class = SearchPaginator


def _last_modified(offers: Iterable[OfferRow]) -> datetime | None:
    return latest(
        date
        for offer in offers
        for date in [offer.updated_at, offer.structure_updated_at, *(p.updated_at for p in offer.places)]
    )


def _serialize(request: Request, offers: list[OfferRow], centre: Point | None) -> list[dict[str, object]]:
    return [offer_representation(offer, offer.nearest_place(centre), request) for offer in offers]


class OfferListView(PublicReadView):
    @extend_schema(
        operation_id="offres_liste",
        summary="Chercher des offres de soins de support",
        description="La recherche publique de l'annuaire, en JSON : seulement les offres publiées de structures "
        "publiées. Avec `commune` (code INSEE) ou `code_postal`, les offres sont limitées au rayon "
        f"({format_km(default_radius_km())} km par défaut) et triées par distance ; sinon, triées par intitulé.",
        parameters=schema.OFFER_SEARCH_PARAMETERS,
        responses={200: schema.page_of("PageOffres", OfferSerializer), 304: schema.NOT_MODIFIED, 400: schema.INVALID},
        tags=["offres"],
    )
    def get(self, request: Request) -> Response:
        search = OfferSearchForm(request.query_params)
        pagination = validated_pagination(request, search, pagination_class=OfferPagination)

        criteria = search.criteria()
        offers = Offer.objects.search(criteria)
        since = search.cleaned_data.get("modifie_depuis")
        if since is not None:
            offers = offers.filter(updated_at__gte=since)
        page = pagination.paginate_with(
            offers, lambda window: offer_rows(window, distances=criteria.centre is not None)
        )
        record_search(criteria, pagination.paginator.count if pagination.paginator else 0, request)
        self.last_modified = _last_modified(page)
        return Response(pagination.envelope(_serialize(request, page, criteria.centre)))


class OfferDetailView(PublicReadView):
    @extend_schema(
        operation_id="offres_detail",
        summary="Une offre publiée",
        responses={200: OfferSerializer, 304: schema.NOT_MODIFIED, 404: schema.NOT_FOUND},
        tags=["offres"],
    )
    def get(self, request: Request, pk: int) -> Response:
        offer = Offer.objects.published().with_result_relations().filter(pk=check_pk(pk, OFFER_NOT_FOUND)).first()
        if offer is None:
            raise ResourceNotFound(OFFER_NOT_FOUND)
        row = OfferRow.of(offer)
        self.last_modified = _last_modified([row])
        return Response(_serialize(request, [row], None)[0])
