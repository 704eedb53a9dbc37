"""The base of every public read endpoint: JSON, French errors, conditional GET."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponseBase
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annuaire.api.conditional import make_conditional
from annuaire.api.errors import InvalidParameters, ResourceNotFound
from annuaire.api.pagination import PageNumberPagination
from annuaire.api.params import MAX_PK, form_errors

EMPTY_PARAMETER = "Paramètre vide : donnez-lui une valeur ou retirez-le de l'adresse."


class PublicReadView(APIView):
    """Read-only, anonymous, cacheable. Views set `self.last_modified` before answering."""

    http_method_names = ["get", "head", "options"]
    last_modified: datetime | None = None

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, InvalidParameters):
            return Response(exc.as_payload(), status=exc.status_code)
        if isinstance(exc, Http404 | exceptions.NotFound):
            exc = ResourceNotFound()
        if isinstance(exc, exceptions.APIException):
            response = super().handle_exception(exc)
            response.data = {"message": str(exc.detail)}
            return response
        return super().handle_exception(exc)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = super().dispatch(request, *args, **kwargs)
        if isinstance(response, Response):
            return make_conditional(request, response, self.last_modified)
        return response


def check_pk(pk: int, message: str) -> int:
    if pk > MAX_PK:
        raise ResourceNotFound(message)
    return pk


def validated_pagination(
    request: Request,
    *filter_forms: forms.BaseForm,
    pagination_class: type[PageNumberPagination] = PageNumberPagination,
) -> PageNumberPagination:
    """Check the filter forms and the paging parameters together, so that one 400 lists
    every bad parameter; return the pagination to use (`pagination_class`: a view's own
    page-size rules)."""
    errors: dict[str, list[str]] = {}
    for form in filter_forms:
        if not form.is_valid():
            errors.update(form_errors(form))
    known = {"page", "taille", *(name for form in filter_forms for name in form.fields)}
    for name, values in request.query_params.lists():
        if name in known and any(not value.strip() for value in values):
            # "?rayon=" is no value at all: say so rather than guess (the schema forbids it).
            errors[name] = [EMPTY_PARAMETER]
    try:
        pagination = pagination_class(request._request)
    except InvalidParameters as invalid:
        errors.update(invalid.errors)
    if errors:
        raise InvalidParameters(errors)
    return pagination
