"""Who may see and act on what: the one place views ask (docs/adr/0011).

`actor_for(user)` loads a person's roles once (two queries, cached on the user object) and
answers, without further queries, whether they act at a level for a structure; its
querysets give what they may see. Views fetch objects through these querysets, so a
Finistère coordinator typing the address of a Morbihan offer gets a 404.

Territorial level: the 3C coordinators for health establishments, the DAC coordinators for
town structures, whose territory (départements or communes) holds the structure's commune.
Regional level: the administrators of the structure's region.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.db.models import Q

from annuaire.accounts.models import Role, RoleKind
from annuaire.directory.enums import PublicationStatus, StructureKind
from annuaire.directory.models import Offer, OfferQuerySet, Structure, StructureQuerySet
from annuaire.directory.publication.rules import Level
from annuaire.geo.models import Commune, CommuneQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

_CACHE_ATTRIBUTE = "_annuaire_actor"


def coordinator_kind_for(structure: Structure) -> str:
    """The territorial coordinator who vets this structure: 3C for establishments, else DAC."""
    return RoleKind.COORDINATOR_3C if structure.is_health_establishment else RoleKind.COORDINATOR_DAC


@dataclass(frozen=True)
class Grant:
    """One role, with its scope as plain codes."""

    kind: str
    structure_id: int | None
    region_code: str | None
    departement_codes: frozenset[str]
    commune_codes: frozenset[str]

    def covers(self, structure: Structure) -> bool:
        """The structure's commune lies in this coordinator's territory."""
        return structure.commune_id in self.commune_codes or (
            bool(self.departement_codes) and structure.commune.departement_id in self.departement_codes
        )

    def territory_q(self, prefix: str = "") -> Q:
        q = Q(pk__in=[])
        if self.departement_codes:
            q |= Q(**{f"{prefix}commune__departement_id__in": sorted(self.departement_codes)})
        if self.commune_codes:
            q |= Q(**{f"{prefix}commune_id__in": sorted(self.commune_codes)})
        establishments = Q(**{f"{prefix}kind__in": sorted(StructureKind.health_establishments())})
        return q & (establishments if self.kind == RoleKind.COORDINATOR_3C else ~establishments)


class UserActor:
    """A signed-in person as the domain sees them (implements publication.Actor)."""

    def __init__(self, user: AbstractBaseUser | AnonymousUser | None) -> None:
        self._user: User | None = user if isinstance(user, User) and user.is_authenticated else None
        self.grants: tuple[Grant, ...] = ()
        if self._user is not None and self._user.is_active:
            self.grants = tuple(
                Grant(
                    kind=role.kind,
                    structure_id=role.structure_id,
                    region_code=role.region_id,
                    departement_codes=frozenset(d.pk for d in role.departements.all()),
                    commune_codes=frozenset(c.pk for c in role.communes.all()),
                )
                for role in Role.objects.filter(user=self._user).prefetch_related("departements", "communes")
            )

    # --- publication.Actor -------------------------------------------------------------
    @property
    def user(self) -> User | None:
        return self._user

    @property
    def label(self) -> str:
        if self._user is None:
            return "Anonyme"
        user: Any = self._user
        full_name = f"{user.first_name} {user.last_name}".strip()
        return f"{full_name} ({user.username})" if full_name else str(user.username)

    def acts_at(self, level: Level, structure: Structure) -> bool:
        if level == Level.STRUCTURE:
            return any(g.kind in RoleKind.structure_roles() and g.structure_id == structure.pk for g in self.grants)
        if level == Level.TERRITORIAL:
            wanted = coordinator_kind_for(structure)
            return any(g.kind == wanted and g.covers(structure) for g in self.grants)
        if level == Level.REGIONAL:
            region = structure.commune.departement.region_id
            return any(g.kind == RoleKind.REGIONAL_ADMIN and g.region_code == region for g in self.grants)
        return False

    # --- who they are ------------------------------------------------------------------
    def has_role(self, *kinds: str) -> bool:
        return any(g.kind in kinds for g in self.grants)

    @property
    def is_coordinator(self) -> bool:
        return self.has_role(*RoleKind.coordinator_roles())

    @property
    def is_regional_admin(self) -> bool:
        return self.has_role(RoleKind.REGIONAL_ADMIN)

    @property
    def needs_second_factor(self) -> bool:
        """Coordinators and administrators must use a TOTP second factor."""
        return self.is_coordinator or self.is_regional_admin

    @property
    def has_any_role(self) -> bool:
        return bool(self.grants)

    # --- what they may see -------------------------------------------------------------
    def structure_q(self, prefix: str = "") -> Q:
        """Structures this person may see (as a Q on Structure, or on a relation via `prefix`)."""
        q = Q(**{f"{prefix}pk__in": []})
        own = sorted({g.structure_id for g in self.grants if g.structure_id is not None})
        if own:
            q |= Q(**{f"{prefix}pk__in": own})
        for grant in self.grants:
            if grant.kind in RoleKind.coordinator_roles():
                q |= grant.territory_q(prefix)
        regions = sorted({g.region_code for g in self.grants if g.kind == RoleKind.REGIONAL_ADMIN and g.region_code})
        if regions:
            q |= Q(**{f"{prefix}commune__departement__region_id__in": regions})
        return q

    def structures(self) -> StructureQuerySet:
        return Structure.objects.filter(self.structure_q())

    def offers(self) -> OfferQuerySet:
        """Offers (and working copies of revisions) of the structures this person may see."""
        return Offer.objects.filter(self.structure_q("structure__"))

    def communes(self) -> CommuneQuerySet:
        """Communes of this person's territories (coordinators) and regions (administrators)."""
        q = Q(pk__in=[])
        for grant in self.grants:
            if grant.kind in RoleKind.coordinator_roles():
                q |= Q(departement_id__in=sorted(grant.departement_codes)) | Q(pk__in=sorted(grant.commune_codes))
            elif grant.kind == RoleKind.REGIONAL_ADMIN:
                q |= Q(departement__region_id=grant.region_code)
        return Commune.objects.filter(q)

    def review_queue(self) -> OfferQuerySet:
        """Offers waiting for this person's decision, oldest first (since `status_changed_at`)."""
        q = Q(pk__in=[])
        for grant in self.grants:
            if grant.kind in RoleKind.coordinator_roles():
                q |= Q(status=PublicationStatus.TERRITORIAL_REVIEW) & grant.territory_q("structure__")
            elif grant.kind == RoleKind.REGIONAL_ADMIN:
                q |= Q(
                    status=PublicationStatus.REGIONAL_REVIEW,
                    structure__commune__departement__region_id=grant.region_code,
                )
        return Offer.objects.filter(q).order_by("status_changed_at", "pk")


def actor_for(user: AbstractBaseUser | AnonymousUser | None) -> UserActor:
    """The actor of `user`, loaded once per user object (so once per request)."""
    if user is None:
        return UserActor(None)
    actor = getattr(user, _CACHE_ATTRIBUTE, None)
    if actor is None:
        actor = UserActor(user)
        setattr(user, _CACHE_ATTRIBUTE, actor)
    return actor
