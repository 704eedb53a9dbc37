"""`GET /api/v1/communes?q=`: commune autocomplete (name prefix or postal code)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from annuaire.api import schema
from annuaire.api.errors import InvalidParameters
from annuaire.api.params import CommuneQueryForm, form_errors
from annuaire.api.serializers.communes import CommuneListSerializer
from annuaire.api.views.base import PublicReadView
from annuaire.geo.models import Commune

MAX_COMMUNES = 10


class CommuneLookupView(PublicReadView):
    @extend_schema(
        operation_id="communes",
        summary="Autocomplétion des communes",
        description=f"Au plus {MAX_COMMUNES} communes dont le nom commence par `q` (ou dont le code postal "
        "commence par `q`), les plus peuplées d'abord. Le `code_insee` se passe au paramètre `commune` "
        "de `/api/v1/offres`.",
        parameters=schema.COMMUNE_PARAMETERS,
        responses={200: CommuneListSerializer, 304: schema.NOT_MODIFIED, 400: schema.INVALID},
        tags=["référentiels"],
    )
    def get(self, request: Request) -> Response:
        form = CommuneQueryForm(request.query_params)
        if not form.is_valid():
            raise InvalidParameters(form_errors(form))
        communes = Commune.objects.lookup(form.cleaned_data["q"]).prefetch_related("postal_codes")[:MAX_COMMUNES]
        return Response(CommuneListSerializer({"results": communes}).data)
