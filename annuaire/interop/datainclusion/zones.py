"""`zone_eligibilite` of data·inclusion services: who may use the service, as COG codes.

- an offer delivered in several départements is regional: every département of its region(s);
- a remote offer of a structure working in one département: that département;
- otherwise (on site, at home): the communes within `DEFAULT_RADIUS_KM` of the place.

Computed for a whole page in two queries (départements, communes near the page's places).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import Any

from django.conf import settings

from annuaire.core.geodesy import Point, bounding_box, haversine_km
from annuaire.directory.enums import Modality
from annuaire.directory.models import Offer, Place
from annuaire.geo.models import Commune, Departement

Zone = list[str]


def radius_km() -> float:
    return float(getattr(settings, "DEFAULT_RADIUS_KM", 20))


class Zones:
    def __init__(self, pairs: Iterable[tuple[Offer, Place]]) -> None:
        pairs = list(pairs)
        self.regions: dict[str, str] = dict(Departement.objects.values_list("code", "region_id"))
        self.near: dict[str, Zone] = self._communes_near({place.commune for _, place in pairs})

    def _communes_near(self, communes: set[Commune]) -> dict[str, Zone]:
        centres = {c.code: Point(c.lat, c.lng) for c in communes if c.lat is not None and c.lng is not None}
        if not centres:
            return {}
        radius = radius_km()
        boxes = {code: bounding_box(point, radius) for code, point in centres.items()}
        # One query for the box around them all, then each centre looks at its latitude band.
        candidates: list[tuple[float, float, str]] = sorted(
            (lat, lng, code)
            for lat, lng, code in Commune.objects.filter(
                lat__range=(min(b.min_lat for b in boxes.values()), max(b.max_lat for b in boxes.values())),
                lng__range=(min(b.min_lng for b in boxes.values()), max(b.max_lng for b in boxes.values())),
            ).values_list("lat", "lng", "code")
            if lat is not None and lng is not None
        )
        lats = [lat for lat, _, _ in candidates]
        near: dict[str, Zone] = {}
        for code, centre in centres.items():
            box = boxes[code]
            band = candidates[bisect_left(lats, box.min_lat) : bisect_right(lats, box.max_lat)]
            near[code] = sorted(
                other
                for lat, lng, other in band
                if box.min_lng <= lng <= box.max_lng and haversine_km(centre, Point(lat, lng)) <= radius
            )
        return near

    def of(self, offer: Offer, place: Place) -> Zone:
        departements = {p.commune.departement_id for p in offer.places.all()}
        if len(departements) > 1:
            regions = {self.regions.get(code) for code in departements}
            return sorted(code for code, region in self.regions.items() if region in regions)
        if Modality.REMOTE in offer.modalities:
            return [place.commune.departement_id]
        return self.near.get(place.commune_id) or [place.commune_id]


def zones_for(rows: Iterable[Any]) -> Zones:
    return Zones((row.offer, row.place) for row in rows)
