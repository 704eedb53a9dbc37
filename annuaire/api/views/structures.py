"""`GET /api/v1/structures` and `GET /api/v1/structures/<id>`: published structures, public fields."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from annuaire.api import schema
from annuaire.api.conditional import latest
from annuaire.api.errors import ResourceNotFound
from annuaire.api.params import StructureFilterForm
from annuaire.api.serializers.structures import StructureSerializer
from annuaire.api.views.base import PublicReadView, check_pk, validated_pagination
from annuaire.directory.models import Offer, Place, Structure, StructureQuerySet

STRUCTURE_NOT_FOUND = "Cette structure n'existe pas ou n'est pas publiée."


def public_structures() -> StructureQuerySet:
    return (
        Structure.objects.published()
        .select_related("commune")
        .prefetch_related(
            Prefetch(
                "offers",
                queryset=Offer.objects.published().only("pk", "structure_id").order_by("pk"),
                to_attr="published_offers",
            ),
            Prefetch("places", queryset=Place.objects.public().only("pk", "structure_id").order_by("pk")),
        )
        .order_by("name", "pk")
    )


class StructureListView(PublicReadView):
    @extend_schema(
        operation_id="structures_liste",
        summary="Les structures publiées",
        description="Établissements, associations, MSP, CPTS... publiés dans l'annuaire, avec leurs coordonnées "
        "publiques et les identifiants de leurs offres publiées. Les données du référent ne sont jamais publiées.",
        parameters=schema.STRUCTURE_PARAMETERS,
        responses={
            200: schema.page_of("PageStructures", StructureSerializer),
            304: schema.NOT_MODIFIED,
            400: schema.INVALID,
        },
        tags=["structures"],
    )
    def get(self, request: Request) -> Response:
        form = StructureFilterForm(request.query_params)
        pagination = validated_pagination(request, form)

        structures = public_structures()
        if form.cleaned_data["departement"] is not None:
            structures = structures.filter(commune__departement=form.cleaned_data["departement"])
        if form.cleaned_data["type"]:
            structures = structures.filter(kind=form.cleaned_data["type"])
        if form.cleaned_data["modifie_depuis"] is not None:
            structures = structures.filter(updated_at__gte=form.cleaned_data["modifie_depuis"])
        page = pagination.paginate(structures)
        self.last_modified = latest(s.updated_at for s in page)
        data = StructureSerializer(page, many=True, context={"request": request}).data
        return Response(pagination.envelope(list(data)))


class StructureDetailView(PublicReadView):
    @extend_schema(
        operation_id="structures_detail",
        summary="Une structure publiée",
        responses={200: StructureSerializer, 304: schema.NOT_MODIFIED, 404: schema.NOT_FOUND},
        tags=["structures"],
    )
    def get(self, request: Request, pk: int) -> Response:
        structure = public_structures().filter(pk=check_pk(pk, STRUCTURE_NOT_FOUND)).first()
        if structure is None:
            raise ResourceNotFound(STRUCTURE_NOT_FOUND)
        self.last_modified = structure.updated_at
        return Response(StructureSerializer(structure, context={"request": request}).data)
