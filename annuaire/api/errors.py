"""The API's error answers: always JSON, always in French, never a 500 for bad input.

A bad query parameter gives HTTP 400 ``{"erreurs": {"param": ["message"]}, "message": "..."}``;
an unknown or unpublished resource gives HTTP 404 ``{"message": "..."}``.
"""

from __future__ import annotations

from rest_framework import status
from rest_framework.exceptions import APIException

INVALID_PARAMETERS_MESSAGE = "Certains paramètres de la requête sont invalides."


class InvalidParameters(APIException):
    """Raised by a view or the paginator when a query parameter cannot be used."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        super().__init__(detail=INVALID_PARAMETERS_MESSAGE)

    def as_payload(self) -> dict[str, object]:
        first = next((messages[0] for messages in self.errors.values() if messages), "")
        message = f"{INVALID_PARAMETERS_MESSAGE} {first}".strip()
        return {"erreurs": self.errors, "message": message}


class ResourceNotFound(APIException):
    status_code = status.HTTP_404_NOT_FOUND
    default_code = "not_found"
    default_detail = "Cette ressource n'existe pas ou n'est pas publiée."
