"""Page-number pagination with `page` and `taille`, and French 400 errors for bad pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from rest_framework.utils.urls import remove_query_param, replace_query_param

from annuaire.api.errors import InvalidParameters

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE_NUMBER = 999_999_999  # nine digits: the OpenAPI document says so too

M = TypeVar("M", bound=Model)
R = TypeVar("R")


def _positive_int(request: HttpRequest, name: str, default: int, maximum: int | None, message: str) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > len(str(MAX_PAGE_NUMBER)) or int(raw) < 1:
        raise InvalidParameters({name: [message]})
    value = int(raw)
    if maximum is not None and value > maximum:
        raise InvalidParameters({name: [message]})
    return value


class PageNumberPagination:
    """`{"count", "next", "previous", "results"}`, 20 per page by default, `taille` up to 100.

    A subclass may change the page-size rules (`default_page_size`, `max_page_size`). A page
    past the last one is an empty page, not an error: the schema allows any page number, and
    a harvester paging while offers are unpublished must not fail (`empty_past_last_page`
    False would answer a 400 instead).
    """

    paginator_class: type[Paginator] = Paginator  # type: ignore[type-arg]
    default_page_size = DEFAULT_PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE
    empty_past_last_page = True

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.page_size = _positive_int(
            request,
            "taille",
            self.default_page_size,
            self.max_page_size,
            f"La taille de page doit être un nombre entier entre 1 et {self.max_page_size}.",
        )
        self.page_number = _positive_int(
            request, "page", 1, None, "Le numéro de page doit être un nombre entier supérieur ou égal à 1."
        )
        self.paginator: Paginator[Any] | None = None

    def paginate(self, items: QuerySet[M]) -> list[M]:
        return self.paginate_with(items, list)

    def paginate_with(self, items: QuerySet[M], load: Callable[[Any], list[R]]) -> list[R]:
        """This page's items: `load` reads the page's slice (a queryset) into a list."""
        paginator: Paginator[M] = self.paginator_class(items, self.page_size)
        self.paginator = paginator
        if self.page_number > paginator.num_pages:
            if self.empty_past_last_page:
                return []
            pages = paginator.num_pages
            raise InvalidParameters(
                {"page": [f"La page {self.page_number} n'existe pas : il y a {pages} page{'s' if pages > 1 else ''}."]}
            )
        return load(paginator.page(self.page_number).object_list)

    def _link(self, number: int | None) -> str | None:
        if number is None:
            return None
        url = self.request.build_absolute_uri()
        if number == 1:
            return remove_query_param(url, "page")
        return replace_query_param(url, "page", number)

    def envelope(self, results: list[Any]) -> dict[str, Any]:
        assert self.paginator is not None
        number, pages = self.page_number, self.paginator.num_pages
        return {
            "count": self.paginator.count,
            "next": self._link(number + 1 if number < pages else None),
            # Past the last page (when allowed), "previous" leads back to the last one.
            "previous": self._link(min(number - 1, pages) if number > 1 else None),
            "results": results,
        }
