"""Who may do what in the application flow, and the accounts it creates.

Built on `annuaire.accounts` (roles scoped to a structure, a territory or a region): an
application is judged as the structure it would become (`Application.structure_draft()`),
so the territorial rule is the core's one (3C for health establishments, DAC for town
structures, whose territory holds the commune; the regional administrators of its region).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone

from annuaire.accounts.access import UserActor, actor_for, coordinator_kind_for
from annuaire.accounts.models import Role, RoleKind
from annuaire.accounts.roles import grant_structure_role
from annuaire.applications.models import Application, Invitation, PilotTerritory
from annuaire.directory.models import Structure
from annuaire.directory.publication.rules import Level

UserLike = AbstractBaseUser | AnonymousUser


def may_review(user: UserLike, application: Application) -> bool:
    """The coordinator of the application's territory and level, or a regional administrator of its region."""
    actor = actor_for(user)
    structure = application.structure_draft()
    return actor.acts_at(Level.TERRITORIAL, structure) or actor.acts_at(Level.REGIONAL, structure)


def may_record_application(user: UserLike, application: Application) -> bool:
    """Recording an application for a structure is a reviewer's act, on their own territory."""
    return may_review(user, application)


def reviewer_emails(application: Application) -> list[str]:
    """The e-mail addresses of the territorial coordinators who examine this application."""
    structure = application.structure_draft()
    roles = Role.objects.filter(kind=coordinator_kind_for(structure), user__is_active=True).filter(
        Q(departements=application.commune.departement_id) | Q(communes=application.commune_id)
    )
    return sorted({email for email in roles.values_list("user__email", flat=True) if email})


def may_see_applications(user: UserLike) -> bool:
    actor = actor_for(user)
    return actor.is_coordinator or actor.is_regional_admin


def _visible_q(actor: UserActor) -> Q:
    q = Q(pk__in=[])
    for grant in actor.grants:
        if grant.kind in RoleKind.coordinator_roles():
            # An application has the structure's `kind` and `commune`: the same territorial rule.
            q |= grant.territory_q()
        elif grant.kind == RoleKind.REGIONAL_ADMIN and grant.region_code:
            q |= Q(commune__departement__region_id=grant.region_code)
    return q


def visible_applications(user: UserLike) -> Any:
    """The applications this person may see (everything else is a 404 for them)."""
    return Application.objects.filter(_visible_q(actor_for(user)))


def administered_regions(user: UserLike) -> set[str]:
    actor = actor_for(user)
    return {g.region_code for g in actor.grants if g.kind == RoleKind.REGIONAL_ADMIN and g.region_code}


def visible_territories(user: UserLike) -> Any:
    return PilotTerritory.objects.in_region(administered_regions(user))


def is_referent_of(user: UserLike, structure: Structure) -> bool:
    return any(g.kind == RoleKind.REFERENT and g.structure_id == structure.pk for g in actor_for(user).grants)


def referent_structures(user: UserLike) -> Any:
    ids = [g.structure_id for g in actor_for(user).grants if g.kind == RoleKind.REFERENT and g.structure_id]
    return Structure.objects.filter(pk__in=ids)


def create_structure(application: Application, *, by: UserLike) -> Structure:
    """The accepted structure. Already in the directory with the same SIRET (imported by the
    network, say): that one, never a duplicate. Otherwise a new draft, which becomes public with
    its first published offer (the publication module's rule; no status is written here)."""
    existing = Structure.objects.filter(siret=application.siret).order_by("pk").first()
    if existing is not None:
        return existing
    structure = application.structure_draft()
    structure.save()
    return structure


def _person(email: str, first_name: str, last_name: str) -> tuple[Any, bool]:
    """The account of this e-mail address, created without a usable password when new."""
    model = get_user_model()
    existing = model.objects.filter(email__iexact=email).order_by("pk").first()
    if existing is not None:
        return existing, False
    user = model(username=email.lower()[:150], email=email.lower(), first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.save()
    return user, True


def _invite(user: Any, structure: Structure, *, referent: bool, by: UserLike) -> str | None:
    """An invitation link for someone who has no password yet (None: they can already log in)."""
    if user.has_usable_password():
        return None
    invitation = Invitation(
        user=user,
        structure=structure,
        as_referent=referent,
        invited_by=by if by.is_authenticated else None,  # type: ignore[misc]
    )
    key = invitation.new_key()
    invitation.save()
    return key


def invite_referent(application: Application, structure: Structure, *, by: UserLike) -> str | None:
    """Give the referent the referent role of the new structure; the key of their invitation
    link, or None when they already have an account (another structure)."""
    user, _created = _person(
        application.referent_email, application.referent_first_name, application.referent_last_name
    )
    grant_structure_role(user, structure, referent=True)
    return _invite(user, structure, referent=True, by=by)


def referent_invitation_state(application: Application) -> tuple[Any, Invitation | None]:
    """The referent's account of an accepted application (None if gone) and their latest
    referent invitation to its structure (None if they never got one)."""
    if application.structure_id is None:
        return None, None
    user = get_user_model().objects.filter(email__iexact=application.referent_email).order_by("pk").first()
    if user is None:
        return None, None
    invitation = (
        Invitation.objects.filter(user=user, structure_id=application.structure_id, as_referent=True)
        .order_by("-created_at", "-pk")
        .first()
    )
    return user, invitation


def renew_referent_invitation(user: Any, structure: Structure, *, by: UserLike) -> str | None:
    """A new referent invitation link for `user`, whose earlier links stop working; None when
    they can already log in (they created their password) and need no link."""
    if user.has_usable_password():
        return None
    Invitation.objects.usable().filter(user=user, structure=structure).update(expires_at=timezone.now())
    return _invite(user, structure, referent=True, by=by)


def invite_member(
    structure: Structure, email: str, first_name: str, last_name: str, *, by: UserLike
) -> tuple[Any, str | None]:
    """A referent invites a colleague as a member of the structure."""
    user, _created = _person(email, first_name, last_name)
    grant_structure_role(user, structure, referent=False)
    return user, _invite(user, structure, referent=False, by=by)
