"""`GET /api/v1/lieux` and `GET /api/v1/lieux/<id>`: places where published offers are delivered."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from annuaire.api import schema
from annuaire.api.conditional import latest
from annuaire.api.errors import ResourceNotFound
from annuaire.api.params import PlaceFilterForm
from annuaire.api.serializers.places import PlaceSerializer
from annuaire.api.views.base import PublicReadView, check_pk, validated_pagination
from annuaire.directory.models import Offer, Place, PlaceQuerySet

PLACE_NOT_FOUND = "Ce lieu n'existe pas ou ne propose aucune offre publiée."


def public_places() -> PlaceQuerySet:
    return (
        Place.objects.public()
        .select_related("commune", "structure")
        .prefetch_related(
            Prefetch("offers", queryset=Offer.objects.published().only("pk").order_by("pk"), to_attr="published_offers")
        )
        .order_by("name", "pk")
    )


class PlaceListView(PublicReadView):
    @extend_schema(
        operation_id="lieux_liste",
        summary="Les lieux où des offres publiées sont proposées",
        parameters=schema.PLACE_PARAMETERS,
        responses={200: schema.page_of("PageLieux", PlaceSerializer), 304: schema.NOT_MODIFIED, 400: schema.INVALID},
        tags=["lieux"],
    )
    def get(self, request: Request) -> Response:
        form = PlaceFilterForm(request.query_params)
        pagination = validated_pagination(request, form)

        places = public_places()
        if form.cleaned_data["departement"] is not None:
            places = places.filter(commune__departement=form.cleaned_data["departement"])
        if form.cleaned_data["structure"] is not None:
            places = places.filter(structure_id=form.cleaned_data["structure"])
        if form.cleaned_data["modifie_depuis"] is not None:
            places = places.filter(updated_at__gte=form.cleaned_data["modifie_depuis"])
        page = pagination.paginate(places)
        self.last_modified = latest(p.updated_at for p in page)
        return Response(pagination.envelope(list(PlaceSerializer(page, many=True).data)))


class PlaceDetailView(PublicReadView):
    @extend_schema(
        operation_id="lieux_detail",
        summary="Un lieu",
        responses={200: PlaceSerializer, 304: schema.NOT_MODIFIED, 404: schema.NOT_FOUND},
        tags=["lieux"],
    )
    def get(self, request: Request, pk: int) -> Response:
        place = public_places().filter(pk=check_pk(pk, PLACE_NOT_FOUND)).first()
        if place is None:
            raise ResourceNotFound(PLACE_NOT_FOUND)
        self.last_modified = place.updated_at
        return Response(PlaceSerializer(place).data)
