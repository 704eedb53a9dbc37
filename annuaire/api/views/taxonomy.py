"""`GET /api/v1/taxonomie`: the categories of supportive care and their sub-categories."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from annuaire.api import schema
from annuaire.api.serializers.taxonomy import TaxonomySerializer
from annuaire.api.views.base import PublicReadView
from annuaire.taxonomy.models import Category, SubCategory


class TaxonomyView(PublicReadView):
    @extend_schema(
        operation_id="taxonomie",
        summary="Les types de soins de support et leurs soins précis",
        description="Les catégories actives, dans l'ordre d'affichage, avec leurs sous-catégories et les "
        "professions habilitées. Les codes servent aux paramètres `categorie` et `sous_categorie` de "
        "`/api/v1/offres`.",
        responses={200: TaxonomySerializer, 304: schema.NOT_MODIFIED},
        tags=["référentiels"],
    )
    def get(self, request: Request) -> Response:
        categories = Category.objects.active().prefetch_related(
            Prefetch(
                "subcategories",
                queryset=SubCategory.objects.filter(is_active=True).prefetch_related("professions"),
                to_attr="active_subcategories",
            )
        )
        return Response(TaxonomySerializer({"categories": categories}).data)
