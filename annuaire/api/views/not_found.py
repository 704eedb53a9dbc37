"""Any other address under /api/v1/: a JSON 404 in French, not Django's HTML page."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from annuaire.api.errors import ResourceNotFound
from annuaire.api.views.base import PublicReadView

UNKNOWN_ADDRESS = "Cette adresse n'existe pas dans l'API : la liste des adresses est sur /api/v1/docs."


@extend_schema(exclude=True)
class UnknownAddressView(PublicReadView):
    def get(self, request: Request, *args: object, **kwargs: object) -> Response:
        raise ResourceNotFound(UNKNOWN_ADDRESS)
