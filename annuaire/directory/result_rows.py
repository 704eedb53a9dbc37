"""The facts of a list of search results as flat rows, without model instances.

A result card shows a dozen values of an offer, of its structure and of its place nearest
to the searched commune. Reading them as rows, the page's offers and their places by the
search's own statement (docs/adr/0039, 0043), costs a fraction of building
models and prefetching their relations (docs/adr/0035). The rules (phone, cost label, nearest
place, what is free, the offer's address) are the model's, shared through plain functions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.utils import timezone
from django.utils.functional import cached_property

from annuaire.core.geodesy import Point, nearest
from annuaire.core.sql import Fragment, exact_real, json_rows
from annuaire.directory.models.offer import FREE_FOR_PATIENT, offer_phone, offer_url, short_cost_label
from annuaire.directory.search import SearchCriteria, count_found
from annuaire.directory.search_sql import read_page, search_sql
from annuaire.taxonomy.models import CareKind


@cache
def row_columns() -> Fragment:
    """What a card shows of an offer, its structure and its places, about the offer row (read
    by `read_page`, in the same statement: on PostgreSQL a second one cost a round trip and
    a plan, about 1 ms)."""
    places = json_rows(
        [
            "place.id",
            exact_real("place.lat"),
            exact_real("place.lng"),
            "place.phone",
            "place_commune.name",
        ],
        "directory_offer_places place_link JOIN directory_place place ON place.id = place_link.place_id "
        "JOIN geo_commune place_commune ON place_commune.code = place.commune_id "
        "WHERE place_link.offer_id = {row}.id",
    )
    # `Offer.is_non_conventional`: one of its sub-categories is of the PSNC kind. PostgreSQL
    # reads the few PSNC ids once per statement (an uncorrelated subquery), then each row of
    # the page probes its links: joining the taxonomy for each row cost a fifth of the
    # statement (0.4 ms of 1.8 for 20 rows). SQLite, which would read them again for each
    # row, joins the taxonomy by its key.
    if connection.vendor == "postgresql":
        psnc = (
            "FROM directory_offer_subcategories psnc_link WHERE psnc_link.offer_id = {row}.id AND "
            "psnc_link.subcategory_id = ANY(ARRAY(SELECT psnc.id FROM taxonomy_subcategory psnc WHERE psnc.kind = %s))"
        )
    else:
        psnc = (
            "FROM directory_offer_subcategories psnc_link JOIN taxonomy_subcategory psnc "
            "ON psnc.id = psnc_link.subcategory_id WHERE psnc_link.offer_id = {row}.id AND psnc.kind = %s"
        )
    return Fragment(
        "{row}.id, {row}.title, {row}.contact_phone, {row}.cost, {row}.cost_amount, {row}.last_verified_at, "
        f"offer_structure.name, offer_structure.phone, EXISTS (SELECT 1 {psnc}), {places}",
        (str(CareKind.PSNC),),
    )


@dataclass(frozen=True)
class PlaceRow:
    pk: int
    lat: float | None
    lng: float | None
    phone: str
    commune_name: str


@dataclass
class ResultRow:
    """An offer as a result list shows it."""

    pk: int
    title: str
    contact_phone: str
    cost: str
    cost_amount: Decimal | None
    last_verified_at: date | None
    structure_name: str
    structure_phone: str
    is_non_conventional: bool
    distance_km: float | None = None
    closed_today: bool = False
    places: list[PlaceRow] = field(default_factory=list)  # by id, as `with_result_relations` gives them

    @property
    def url(self) -> str:
        return offer_url(self.pk, self.title)

    @property
    def is_free_for_patient(self) -> bool:
        return self.cost in FREE_FOR_PATIENT

    @property
    def cost_label_short(self) -> str:
        return short_cost_label(self.cost, self.cost_amount)

    def nearest_place(self, centre: Point | None) -> PlaceRow | None:
        """As `annuaire.directory.search.nearest_place` for a model."""
        return nearest(self.places, centre)

    def phone_for(self, place: PlaceRow | None) -> str:
        return offer_phone(self.contact_phone, place.phone if place else "", self.structure_phone)


class ResultPages(Paginator):  # type: ignore[type-arg]
    """The pages of the result list of `criteria`, each page read with its places by one
    statement (`search_sql.read_page`); around a commune, the same statement
    counts the search (`read` a page before asking for `count`)."""

    def __init__(self, criteria: SearchCriteria, per_page: int) -> None:
        super().__init__([], per_page)
        self.criteria = criteria
        self.search = search_sql(criteria, timezone.localdate())
        self._pages: dict[int, list[ResultRow]] = {}

    @cached_property
    def count(self) -> int:
        return count_found(self.criteria)

    def read(self, number: int) -> None:
        """Read page `number` (1 or more, maybe past the last) now: with it, around a commune,
        the count of the search (reading the first page too when `number` is past the last)."""
        counted = self.criteria.commune is not None and "count" not in self.__dict__
        start = (number - 1) * self.per_page
        page = read_page(self.search, row_columns(), start, start + self.per_page, with_total=counted)
        self._pages[number] = result_rows(page.rows)
        if not counted or page.rows:
            if page.total is not None:
                self.__dict__["count"] = page.total
        elif number == 1:
            self.__dict__["count"] = 0
        else:  # past the last page: the first page counts the search (and is the last if few match)
            self.read(1)

    def page(self, number: Any) -> Page:  # type: ignore[type-arg]
        number = self.validate_number(number)
        if number not in self._pages:
            self.read(number)
        return Page(self._pages[number], number, self)


def result_rows(rows: list[tuple[Any, ...]]) -> list[ResultRow]:
    """The rows of `read_page` with `row_columns()`, in order."""
    return [
        ResultRow(
            pk=pk,
            title=title,
            contact_phone=contact_phone,
            cost=cost,
            cost_amount=_decimal(cost_amount),
            last_verified_at=_date(last_verified_at),
            structure_name=structure_name,
            structure_phone=structure_phone,
            is_non_conventional=bool(psnc),
            distance_km=distance_km,
            closed_today=bool(closed_today),
            places=_places(places),
        )
        for (
            pk,
            title,
            contact_phone,
            cost,
            cost_amount,
            last_verified_at,
            structure_name,
            structure_phone,
            psnc,
            places,
            distance_km,
            closed_today,
        ) in rows
    ]


def _places(text: str | None) -> list[PlaceRow]:
    """The places of `row_columns()`, by id (as `with_result_relations` gives them)."""
    places = [
        PlaceRow(pk, _float(lat), _float(lng), phone, commune_name)
        for pk, lat, lng, phone, commune_name in json.loads(text or "[]")
    ]
    return sorted(places, key=lambda place: place.pk)


def _float(value: float | str | None) -> float | None:
    """A coordinate of `json_rows`: a number (PostgreSQL) or its exact digits (SQLite)."""
    return None if value is None else float(value)


def _decimal(value: Any) -> Decimal | None:
    """A decimal column as SQLite's driver gives it (a number) or PostgreSQL's (a Decimal)."""
    return value if value is None or isinstance(value, Decimal) else Decimal(str(value))


def _date(value: Any) -> date | None:
    """A date column as SQLite's driver gives it (ISO text) or PostgreSQL's (a date)."""
    return date.fromisoformat(value) if isinstance(value, str) else value
