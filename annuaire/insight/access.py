"""Which territory a person of the network may look at in the insight screens.

Regional administrators see their region(s); 3C and DAC coordinators their départements and
communes; everyone else nothing (None). Built on the roles of `annuaire.accounts.access`.
"""

from __future__ import annotations

from annuaire.accounts.access import UserActor
from annuaire.accounts.models import RoleKind
from annuaire.geo.models import Departement, Region
from annuaire.insight.territory import Territory


def territory_for(actor: UserActor) -> Territory | None:
    regions = frozenset(g.region_code for g in actor.grants if g.kind == RoleKind.REGIONAL_ADMIN and g.region_code)
    coordinators = [g for g in actor.grants if g.kind in RoleKind.coordinator_roles()]
    departements = frozenset(code for g in coordinators for code in g.departement_codes)
    communes = frozenset(code for g in coordinators for code in g.commune_codes)
    if not (regions or departements or communes):
        return None
    names = list(Region.objects.filter(code__in=sorted(regions)).values_list("name", flat=True))
    names += [str(d) for d in Departement.objects.filter(code__in=sorted(departements - _of_regions(regions)))]
    if communes:
        names.append(f"{len(communes)} commune{'s' if len(communes) > 1 else ''}")
    return Territory(", ".join(names), regions=regions, departements=departements, communes=communes)


def _of_regions(regions: frozenset[str]) -> frozenset[str]:
    if not regions:
        return frozenset()
    return frozenset(Departement.objects.filter(region_id__in=sorted(regions)).values_list("code", flat=True))
