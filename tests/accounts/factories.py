"""People with roles, for tests: referents, 3C / DAC coordinators, regional administrators."""

from typing import Any

from django.contrib.auth.models import User

from annuaire.accounts.models import RoleKind
from annuaire.accounts.roles import grant_coordinator, grant_regional_admin, grant_structure_role
from annuaire.directory.models import Structure
from annuaire.geo.models import Commune, Departement, Region

PASSWORD = "Un-mot-de-passe-de-test-2026"
_counter = iter(range(1, 10**9))


def person(prefix: str = "personne", **fields: Any) -> User:
    number = next(_counter)
    return User.objects.create_user(
        username=f"{prefix}{number}", email=f"{prefix}{number}@example.org", password=PASSWORD, **fields
    )


def referent(structure: Structure, *, member: bool = False) -> User:
    user = person("referent")
    grant_structure_role(user, structure, referent=not member)
    return user


def coordinator(kind: str = RoleKind.COORDINATOR_DAC, departements: str = "", communes: str = "") -> User:
    """A 3C or DAC coordinator over comma-separated département codes and/or commune codes."""
    user = person("coordination")
    grant_coordinator(
        user,
        kind,
        departements=Departement.objects.filter(code__in=[c for c in departements.split(",") if c]),
        communes=Commune.objects.filter(code__in=[c for c in communes.split(",") if c]),
    )
    return user


def regional_admin(region_code: str = "53") -> User:
    user = person("region")
    grant_regional_admin(user, Region.objects.get(code=region_code))
    return user
