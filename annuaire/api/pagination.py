"""Page-number pagination with `page` and `taille`, and French 400 errors for bad pages."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from rest_framework.utils.urls import remove_query_param, replace_query_param

from annuaire.api.errors import InvalidParameters

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

M = TypeVar("M", bound=Model)


def _positive_int(request: HttpRequest, name: str, default: int, maximum: int | None, message: str) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9 or int(raw) < 1:
        raise InvalidParameters({name: [message]})
    value = int(raw)
    if maximum is not None and value > maximum:
        raise InvalidParameters({name: [message]})
    return value


class PageNumberPagination:
    """`{"count", "next", "previous", "results"}`, 20 per page by default, `taille` up to 100."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.page_size = _positive_int(
            request,
            "taille",
            DEFAULT_PAGE_SIZE,
            MAX_PAGE_SIZE,
            f"La taille de page doit être un nombre entier entre 1 et {MAX_PAGE_SIZE}.",
        )
        self.page_number = _positive_int(
            request, "page", 1, None, "Le numéro de page doit être un nombre entier supérieur ou égal à 1."
        )
        self.page: Page[Any] | None = None

    def paginate(self, items: QuerySet[M]) -> list[M]:
        paginator: Paginator[M] = Paginator(items, self.page_size)
        if self.page_number > paginator.num_pages:
            pages = paginator.num_pages
            raise InvalidParameters(
                {"page": [f"La page {self.page_number} n'existe pas : il y a {pages} page{'s' if pages > 1 else ''}."]}
            )
        self.page = paginator.page(self.page_number)
        return list(self.page.object_list)

    def _link(self, number: int | None) -> str | None:
        if number is None:
            return None
        url = self.request.build_absolute_uri()
        if number == 1:
            return remove_query_param(url, "page")
        return replace_query_param(url, "page", number)

    def envelope(self, results: list[Any]) -> dict[str, Any]:
        assert self.page is not None
        page = self.page
        return {
            "count": page.paginator.count,
            "next": self._link(page.next_page_number() if page.has_next() else None),
            "previous": self._link(page.previous_page_number() if page.has_previous() else None),
            "results": results,
        }
