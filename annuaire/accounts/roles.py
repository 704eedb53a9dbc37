"""Granting roles, checked: every coordinator has a territory, every role a scope."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from annuaire.accounts.models import Role, RoleKind
from annuaire.directory.models import Structure
from annuaire.geo.models import Commune, Departement, Region


def grant_structure_role(user: Any, structure: Structure, *, referent: bool = True) -> Role:
    kind = RoleKind.REFERENT if referent else RoleKind.MEMBER
    role, _created = Role.objects.get_or_create(user=user, kind=kind, structure=structure)
    return role


def grant_regional_admin(user: Any, region: Region) -> Role:
    role, _created = Role.objects.get_or_create(user=user, kind=RoleKind.REGIONAL_ADMIN, region=region)
    return role


@transaction.atomic
def grant_coordinator(
    user: Any,
    kind: str,
    *,
    departements: Iterable[Departement] = (),
    communes: Iterable[Commune] = (),
) -> Role:
    """A 3C or DAC coordinator role over départements and/or communes (at least one)."""
    if kind not in RoleKind.coordinator_roles():
        raise ValidationError({"kind": "Ce rôle n'est pas un rôle de coordination territoriale."})
    departements, communes = list(departements), list(communes)
    if not departements and not communes:
        raise ValidationError("Un coordinateur territorial couvre au moins un département ou une commune.")
    role = Role.objects.create(user=user, kind=kind)
    role.departements.set(departements)
    role.communes.set(communes)
    return role


def people_acting_at(level: str, structure: Structure) -> QuerySet[Any]:
    """The active people who hold `level` (publication.Level value) for `structure`:
    whom to tell that something waits for them, or what was decided."""
    from django.contrib.auth import get_user_model

    from annuaire.accounts.access import coordinator_kind_for

    if level == "structure":
        roles = Role.objects.filter(kind__in=RoleKind.structure_roles(), structure=structure)
    elif level == "territorial":
        roles = Role.objects.filter(kind=coordinator_kind_for(structure)).filter(
            Q(departements=structure.commune.departement_id) | Q(communes=structure.commune_id)
        )
    elif level == "regional":
        roles = Role.objects.filter(kind=RoleKind.REGIONAL_ADMIN, region_id=structure.commune.departement.region_id)
    else:
        roles = Role.objects.none()
    return get_user_model().objects.filter(is_active=True, roles__in=roles).distinct().order_by("pk")
