"""Whom the verification cycle writes to: the structure's people, its territorial
coordinators, its regional administrators (active accounts with the matching role)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from annuaire.accounts.access import coordinator_kind_for
from annuaire.accounts.models import Role, RoleKind
from annuaire.directory.models import Structure
from annuaire.directory.publication import Level


def people_acting_at(level: str, structure: Structure) -> QuerySet[Any]:
    if level == Level.STRUCTURE:
        roles = Role.objects.filter(kind__in=RoleKind.structure_roles(), structure=structure)
    elif level == Level.TERRITORIAL:
        roles = Role.objects.filter(kind=coordinator_kind_for(structure)).filter(
            Q(departements=structure.commune.departement_id) | Q(communes=structure.commune_id)
        )
    elif level == Level.REGIONAL:
        roles = Role.objects.filter(kind=RoleKind.REGIONAL_ADMIN, region_id=structure.commune.departement.region_id)
    else:
        roles = Role.objects.none()
    return get_user_model().objects.filter(is_active=True, roles__in=roles).distinct().order_by("pk")


def emails(level: str, structure: Structure) -> list[str]:
    return [user.email for user in people_acting_at(level, structure) if user.email]


def structure_emails(structure: Structure) -> list[str]:
    """The structure's people, or the referent's address on file when nobody has an account yet."""
    return emails(Level.STRUCTURE, structure) or [structure.referent_email]
