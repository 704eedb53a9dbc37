"""Great-circle distances, in Python and as portable SQL expressions.

Django registers the math functions on SQLite connections, so the same haversine
expression runs on SQLite and PostgreSQL (docs/adr/0004-search-design.md).
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from django.db.models import Expression, F, FloatField, Func

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Point:
    lat: float
    lng: float


@dataclass(frozen=True)
class BoundingBox:
    min_lat: float
    max_lat: float
    min_lng: float
    max_lng: float


def haversine_km(a: Point, b: Point) -> float:
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat = lat2 - lat1
    dlng = math.radians(b.lng - a.lng)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlng / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


class Located(Protocol):
    @property
    def lat(self) -> float | None: ...
    @property
    def lng(self) -> float | None: ...


T = TypeVar("T", bound=Located)


def nearest(items: Sequence[T], centre: Point | None) -> T | None:
    """The item closest to `centre`: the first when there is no centre or none is located."""
    if not items:
        return None
    located = [item for item in items if item.lat is not None and item.lng is not None]
    if centre is None or not located:
        return items[0]
    return min(located, key=lambda item: haversine_km(centre, Point(item.lat, item.lng)))  # type: ignore[arg-type]


def bounding_box(centre: Point, radius_km: float) -> BoundingBox:
    """A box that contains the circle, to let an index discard far rows first."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    cos_lat = max(math.cos(math.radians(centre.lat)), 0.01)
    dlng = math.degrees(radius_km / (EARTH_RADIUS_KM * cos_lat))
    return BoundingBox(centre.lat - dlat, centre.lat + dlat, centre.lng - dlng, centre.lng + dlng)


class HaversineKm(Func):
    """The haversine distance in km between a fixed centre and two coordinate columns, as
    one expression node: the same SQL, operations and parameters as the tree of `Radians`,
    `Sin`, `Power`... it replaces, without resolving and compiling twenty nodes at each
    use (docs/adr/0033)."""

    output_field = FloatField()

    def __init__(self, centre: Point, lat_field: str, lng_field: str) -> None:
        super().__init__(F(lat_field), F(lng_field))
        self.centre = centre

    def as_sql(self, compiler: Any, connection: Any, **extra_context: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        lat_expression, lng_expression = self.get_source_expressions()
        lat, lat_params = compiler.compile(lat_expression)
        lng, lng_params = compiler.compile(lng_expression)
        c_lat, c_lng = math.radians(self.centre.lat), math.radians(self.centre.lng)
        sql = (
            f"(%s * ASIN(SQRT((POWER(SIN(((RADIANS({lat}) - %s) / %s)), %s) + ((COS(%s) * COS(RADIANS({lat}))) "
            f"* POWER(SIN(((RADIANS({lng}) - %s) / %s)), %s))))))"
        )
        params = [2 * EARTH_RADIUS_KM, *lat_params, c_lat, 2, 2, c_lat, *lat_params, *lng_params, c_lng, 2, 2]
        return sql, params


def distance_km_expression(centre: Point, lat_field: str, lng_field: str) -> Expression:
    """SQL haversine distance in km between `centre` and the row's coordinates."""
    return HaversineKm(centre, lat_field, lng_field)
