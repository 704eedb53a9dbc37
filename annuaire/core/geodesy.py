"""Great-circle distances, in Python and as portable SQL expressions.

Django registers the math functions on SQLite connections, so the same haversine
expression runs on SQLite and PostgreSQL (docs/adr/0004-search-design.md).
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

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


def haversine_sql(centre: Point, lat_sql: str, lng_sql: str) -> tuple[str, list[float]]:
    """SQL for the haversine distance in km between `centre` and the coordinates `lat_sql`,
    `lng_sql` (columns, in degrees), with its parameters: the same on SQLite (Django registers
    the math functions on its connections) and PostgreSQL (docs/adr/0004, 0039)."""
    c_lat, c_lng = math.radians(centre.lat), math.radians(centre.lng)
    sql = (
        f"({2 * EARTH_RADIUS_KM!r} * ASIN(SQRT(POWER(SIN((RADIANS({lat_sql}) - %s) / 2), 2) "
        f"+ COS(%s) * COS(RADIANS({lat_sql})) * POWER(SIN((RADIANS({lng_sql}) - %s) / 2), 2))))"
    )
    return sql, [c_lat, c_lat, c_lng]
