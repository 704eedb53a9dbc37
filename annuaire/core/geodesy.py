"""Great-circle distances, in Python and as portable SQL expressions.

Django registers the math functions on SQLite connections, so the same haversine
expression runs on SQLite and PostgreSQL (docs/adr/0004-search-design.md).
"""

import math
from dataclasses import dataclass

from django.db.models import Expression, F, FloatField, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

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


def bounding_box(centre: Point, radius_km: float) -> BoundingBox:
    """A box that contains the circle, to let an index discard far rows first."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    cos_lat = max(math.cos(math.radians(centre.lat)), 0.01)
    dlng = math.degrees(radius_km / (EARTH_RADIUS_KM * cos_lat))
    return BoundingBox(centre.lat - dlat, centre.lat + dlat, centre.lng - dlng, centre.lng + dlng)


def distance_km_expression(centre: Point, lat_field: str, lng_field: str) -> Expression:
    """SQL haversine distance in km between `centre` and the row's coordinates."""
    lat = Radians(F(lat_field))
    lng = Radians(F(lng_field))
    c_lat = Value(math.radians(centre.lat), output_field=FloatField())
    c_lng = Value(math.radians(centre.lng), output_field=FloatField())
    h = Power(Sin((lat - c_lat) / 2), 2) + Cos(c_lat) * Cos(lat) * Power(Sin((lng - c_lng) / 2), 2)
    return Value(2 * EARTH_RADIUS_KM, output_field=FloatField()) * ASin(Sqrt(h))
