"""People with roles, for tests: referents, 3C / DAC coordinators, regional administrators."""

from typing import Any

from django.contrib.auth.models import User

from annuaire.accounts.models import RoleKind
from annuaire.accounts.roles import grant_coordinator, grant_regional_admin, grant_structure_role
from annuaire.directory.models import Offer, Structure
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


def walk_to_publication(offer: Offer) -> Offer:
    """Take a draft offer through both levels of review, as real people of its territory would."""
    from annuaire.accounts.access import actor_for, coordinator_kind_for
    from annuaire.directory import publication
    from annuaire.directory.publication import Action

    structure = Structure.objects.select_related("commune__departement").get(pk=offer.structure_id)
    offer.structure = structure
    territory = actor_for(coordinator(coordinator_kind_for(structure), departements=structure.commune.departement_id))
    region = actor_for(regional_admin(structure.commune.departement.region_id))
    publication.transition(offer, Action.SUBMIT, territory)
    publication.transition(offer, Action.APPROVE_TERRITORIAL, territory)
    publication.transition(offer, Action.APPROVE_REGIONAL, region)
    return offer


def with_totp(user: User) -> User:
    """The person has set up their TOTP second factor; returns it for `totp_code`."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user


def totp_code(user: User) -> str:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    secret = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).wrap().instance.data["secret"]
    from allauth.mfa.utils import decrypt

    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(decrypt(secret), counter))
