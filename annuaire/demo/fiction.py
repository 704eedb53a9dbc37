"""Fictional but well-formed values for demo rows, all drawn from the generator's one seeded `rng`.

Structures, places and offers share these draws (stable uuids, reserved phone numbers, valid
FINESS keys, dates relative to `today`), so they live apart from what each row means.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta
from uuid import UUID, uuid5

from django.utils import timezone
from stdnum import luhn

from annuaire.core.identifiers import finess_with_key
from annuaire.demo.towns import Town
from annuaire.directory.fictitious import FICTITIOUS_DOMAIN

# Every demo structure has its public e-mail at a sub-domain of this reserved domain.
DEMO_DOMAIN = FICTITIOUS_DOMAIN
DEMO_NAMESPACE = UUID("5d0c1e6a-53b2-4c8e-9a0e-000000000053")
# ARCEP numbers reserved for fiction, by telephone zone (never a real subscriber).
FICTION_PHONE_BLOCKS = {"01": "01 99 00", "02": "02 61 91", "03": "03 53 01", "04": "04 65 71", "05": "05 36 49"}
REGION_PHONE_ZONES = {
    "11": "01",
    "24": "02",
    "28": "02",
    "52": "02",
    "53": "02",
    "04": "02",
    "06": "02",
    "27": "03",
    "32": "03",
    "44": "03",
    "84": "04",
    "93": "04",
    "94": "04",
}

# Ages (days since the last confirmation) of each stage of the yearly verification: due
# 12 months after it, due soon from 45 days before, delisted two months after the due date.
FRESH_MAX_AGE = 318
DUE_SOON_AGES = (322, 364)
OVERDUE_AGES = (368, 420)
DELISTED_AGES = (440, 520)
DELISTED_SHARE = 0.05


class Fiction:
    """The seeded random source and the small made-up values built from it."""

    def __init__(self, *, seed: int, scope: str, today: date) -> None:
        self.rng = random.Random(f"{scope}:{seed}")
        self.seed, self.scope, self.today = seed, scope, today

    def uuid(self, *parts: object) -> UUID:
        return uuid5(DEMO_NAMESPACE, "/".join(map(str, (self.scope, self.seed, *parts))))

    def phone(self, town: Town) -> str:
        zone = REGION_PHONE_ZONES.get(town.region, "05")
        return f"{FICTION_PHONE_BLOCKS[zone]} {self.rng.randrange(100):02d} {self.rng.randrange(100):02d}"

    def finess(self, departement: str) -> str:
        body = (departement + f"{self.rng.randrange(10**7):07d}")[:8]
        if body[:2] in ("2A", "2B"):  # no published key rule for Corsica: any key passes
            return body + luhn.calc_check_digit("20" + body[2:])
        return finess_with_key(body)

    def offset(self, lat: float, lng: float, min_km: float, max_km: float) -> tuple[float, float]:
        """A point a short distance from (lat, lng): small enough never to land at sea."""
        distance, bearing = self.rng.uniform(min_km, max_km), self.rng.uniform(0, 2 * math.pi)
        dlat = distance * math.cos(bearing) / 111.2
        dlng = distance * math.sin(bearing) / (111.2 * max(math.cos(math.radians(lat)), 0.1))
        return round(lat + dlat, 6), round(lng + dlng, 6)

    def moment(self, days_ago: int) -> datetime:
        return timezone.make_aware(datetime.combine(self.today - timedelta(days=days_ago), time(10, 0)))

    def verification_age(self) -> int:
        """Days since a published structure last confirmed its data, so that the demo shows
        every stage of the yearly cycle (annuaire.verification.schedule) on the day it runs:
        mostly fresh, some due soon (request sent), some overdue within the two months of
        grace, a few past them (delisted with their offers)."""
        draw = self.rng.random()
        if draw < DELISTED_SHARE:
            return self.rng.randrange(DELISTED_AGES[0], DELISTED_AGES[1])
        if draw < 0.12:
            return self.rng.randrange(OVERDUE_AGES[0], OVERDUE_AGES[1])
        if draw < 0.20:
            return self.rng.randrange(DUE_SOON_AGES[0], DUE_SOON_AGES[1])
        return self.rng.randrange(0, FRESH_MAX_AGE)

    def verified(self, age_days: int) -> date:
        return self.today - timedelta(days=age_days)

    def offer_verified(self, structure_verified: date) -> date:
        """An offer confirmed with its structure, or a little later (never in the future)."""
        latest = (self.today - structure_verified).days
        return structure_verified + timedelta(days=self.rng.randrange(0, min(latest, 20) + 1))
