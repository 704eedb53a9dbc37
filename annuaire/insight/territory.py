"""The territory a screen looks at: regions, or a coordinator's départements and communes."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from annuaire.geo.models import Region


def departement_of(commune_code: str) -> str:
    """The département code of an INSEE commune code (97x overseas, 2A/2B Corsica)."""
    return commune_code[:3] if commune_code.startswith("97") else commune_code[:2]


@dataclass(frozen=True)
class Territory:
    """The union of its regions, départements and communes; none of them: the whole country."""

    label: str
    regions: frozenset[str] = frozenset()
    departements: frozenset[str] = frozenset()
    communes: frozenset[str] = frozenset()

    @classmethod
    def of_region(cls, code: str | None, label: str = "") -> Territory:
        return cls(label or (code or "France"), regions=frozenset({code}) if code else frozenset())

    @property
    def is_everywhere(self) -> bool:
        return not (self.regions or self.departements or self.communes)

    def commune_q(self, prefix: str = "") -> Q:
        """Communes of the territory (as a Q on Commune, or on a relation through `prefix`)."""
        if self.is_everywhere:
            return Q()
        return (
            Q(**{f"{prefix}pk__in": sorted(self.communes)})
            | Q(**{f"{prefix}departement__region_id__in": sorted(self.regions)})
            | Q(**{f"{prefix}departement_id__in": sorted(self.departements)})
        )

    def departement_q(self, prefix: str = "") -> Q:
        """Départements that hold part of the territory."""
        if self.is_everywhere:
            return Q()
        codes = self.departements | {departement_of(c) for c in self.communes}
        return Q(**{f"{prefix}pk__in": sorted(codes)}) | Q(**{f"{prefix}region_id__in": sorted(self.regions)})


def instance_territory() -> Territory:
    """The region of this instance (settings.DEFAULT_REGION), or all of France if none."""
    code = settings.DEFAULT_REGION or None
    region = Region.objects.filter(code=code).first() if code else None
    return Territory.of_region(region.code, region.name) if region else Territory("France")
