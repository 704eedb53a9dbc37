"""One demo account per role, created only by `seed_demo` (never in production).

Listed with their password in the README; marked as `DemoAccount`, the only accounts that
may skip the second factor. Re-running `seed_demo` restores them as they were."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction

from annuaire.accounts.models import DemoAccount, Role, RoleKind
from annuaire.accounts.roles import grant_coordinator, grant_regional_admin, grant_structure_role
from annuaire.demo.credentials import DEMO_PASSWORD
from annuaire.demo.writer import demo_structures
from annuaire.directory.enums import PublicationStatus, StructureKind
from annuaire.geo.models import Departement, Region

DEMO_DEPARTEMENT = "29"  # the coordinators' territory: Finistère
DEMO_REGION = "53"


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    role: str


PEOPLE = (
    DemoPerson("demo-referent", "Rozenn", "Le Gall", RoleKind.REFERENT),
    DemoPerson("demo-3c", "Yann", "Kerouac", RoleKind.COORDINATOR_3C),
    DemoPerson("demo-dac", "Maëlle", "Tanguy", RoleKind.COORDINATOR_DAC),
    DemoPerson("demo-region", "Gwenaël", "Morvan", RoleKind.REGIONAL_ADMIN),
)


@transaction.atomic
def create_demo_accounts() -> list[User]:
    """The four demo accounts with their roles (the referent's structure: a town structure of
    Finistère whose offers are on their way to publication)."""
    structures = (
        demo_structures()
        .filter(commune__departement_id=DEMO_DEPARTEMENT)
        .exclude(kind__in=StructureKind.health_establishments())
    )
    structure = (
        structures.filter(status=PublicationStatus.DRAFT).order_by("name").first()
        or structures.order_by("name").first()
    )
    users = []
    password = make_password(DEMO_PASSWORD)  # hashed once for the four accounts (hashing is slow on purpose)
    for who in PEOPLE:
        user, _created = User.objects.get_or_create(username=who.username)
        user.first_name, user.last_name = who.first_name, who.last_name
        user.email = f"{who.username}@demo.invalid"
        user.is_active, user.is_staff, user.is_superuser = True, False, False
        user.password = password
        user.save()
        DemoAccount.objects.get_or_create(user=user)
        Role.objects.filter(user=user).delete()
        if who.role == RoleKind.REFERENT:
            if structure is not None:
                grant_structure_role(user, structure)
        elif who.role == RoleKind.REGIONAL_ADMIN:
            grant_regional_admin(user, Region.objects.get(code=DEMO_REGION))
        else:
            grant_coordinator(user, who.role, departements=Departement.objects.filter(code=DEMO_DEPARTEMENT))
        users.append(user)
    return users


def delete_demo_accounts() -> int:
    """Remove the demo accounts (and their roles)."""
    count, _by_model = User.objects.filter(demo_account__isnull=False).delete()
    return count
