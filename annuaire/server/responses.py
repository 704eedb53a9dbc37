"""The French answers of the guards, rendered without touching the database."""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

TOO_LARGE = "La requête est trop volumineuse : {limit} au plus. Pour un fichier, découpez-le en plusieurs parties."
TOO_MANY = (
    "Trop de demandes en peu de temps depuis votre adresse. Merci de patienter {seconds} seconde(s) puis de réessayer."
)
TOO_MANY_FIELDS = "La requête contient trop de paramètres : {limit} au plus."
UNAVAILABLE = (
    "L'annuaire est momentanément indisponible. Merci de réessayer dans quelques minutes : "
    "vos informations n'ont pas été perdues."
)


def is_database_unavailable(exception: BaseException | None) -> bool:
    return isinstance(exception, OperationalError | InterfaceError)


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith(("/api/", "/fhir/"))


def _page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    """A page from the site's layout, without context processors (no session, no database)."""
    if _wants_json(request):
        return JsonResponse({"message": message}, status=status, json_dumps_params={"ensure_ascii": False})
    html = render_to_string(
        "server/problem.html",
        {"title": title, "message": message, "SITE_NAME": settings.SITE_NAME, "NETWORK_NAME": settings.NETWORK_NAME},
    )
    return HttpResponse(html, status=status)


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} Mo".replace(".", ",")


def request_too_large(request: HttpRequest) -> HttpResponse:
    message = TOO_LARGE.format(limit=megabytes(settings.MAX_REQUEST_BYTES))
    response = _page(request, 413, "Requête trop volumineuse", message)
    response["Connection"] = "close"
    return response


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    response = _page(request, 429, "Trop de demandes", TOO_MANY.format(seconds=retry_after))
    response["Retry-After"] = str(retry_after)
    return response


def database_unavailable(request: HttpRequest) -> HttpResponse:
    # No reconnection here: Django closes a connection that met an error when the request
    # ends (request_finished), and the next request opens a fresh one.
    response = _page(request, 503, "Service momentanément indisponible", UNAVAILABLE)
    response["Retry-After"] = "60"
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: a request Django refuses before any view (too many parameters, a form
    body over its limit, a forged host)."""
    if isinstance(exception, TooManyFieldsSent):
        message = TOO_MANY_FIELDS.format(limit=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)
    elif isinstance(exception, RequestDataTooBig):
        message = TOO_LARGE.format(limit=megabytes(settings.DATA_UPLOAD_MAX_MEMORY_SIZE))
    else:
        message = "La requête est invalide. Vérifiez l'adresse de la page ou revenez à l'accueil."
    return _page(request, 400, "Requête invalide", message)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the 503 page when the error is an unavailable database, else a plain 500."""
    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable(request)
    return _page(
        request,
        500,
        "Erreur du serveur",
        "Une erreur inattendue s'est produite. L'équipe technique est prévenue ; merci de réessayer plus tard.",
    )
