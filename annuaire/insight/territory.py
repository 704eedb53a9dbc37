"""The territory a screen looks at: a region, or a coordinator's départements and communes."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from annuaire.geo.models import Region


@dataclass(frozen=True)
class Territory:
    """No region, no département, no commune: the whole country."""

    label: str
    region: str | None = None
    departements: frozenset[str] = frozenset()
    communes: frozenset[str] = frozenset()

    @classmethod
    def of_region(cls, code: str | None, label: str = "") -> Territory:
        return cls(label or (code or "France"), region=code or None)

    @property
    def is_everywhere(self) -> bool:
        return not (self.region or self.departements or self.communes)

    def commune_q(self, prefix: str = "") -> Q:
        """Communes of the territory (as a Q on Commune, or on a relation through `prefix`)."""
        if self.is_everywhere:
            return Q()
        q = Q(**{f"{prefix}pk__in": sorted(self.communes)})
        if self.region:
            q |= Q(**{f"{prefix}departement__region_id": self.region})
        if self.departements:
            q |= Q(**{f"{prefix}departement_id__in": sorted(self.departements)})
        return q

    def departement_q(self, prefix: str = "") -> Q:
        """Départements that hold part of the territory."""
        if self.is_everywhere:
            return Q()
        q = Q(
            **{
                f"{prefix}pk__in": sorted(
                    self.departements | {c[:3] if c.startswith("97") else c[:2] for c in self.communes}
                )
            }
        )
        if self.region:
            q |= Q(**{f"{prefix}region_id": self.region})
        return q


def instance_territory() -> Territory:
    """The region of this instance (settings.DEFAULT_REGION), or all of France if none."""
    code = settings.DEFAULT_REGION or None
    region = Region.objects.filter(code=code).first() if code else None
    return Territory.of_region(region.code, region.name) if region else Territory("France")
