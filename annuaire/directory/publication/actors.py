"""Who performs a transition, seen from the domain.

The publication module does not know accounts (arrows point down): it asks an `Actor`
whether it acts at a level for a structure. `annuaire.accounts.access.actor_for(user)` is
the implementation for people; `SYSTEM` is the automatic cycle (yearly verification).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from annuaire.directory.publication.rules import Level

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from annuaire.directory.models import Structure


class Actor(Protocol):
    @property
    def user(self) -> User | None: ...

    @property
    def label(self) -> str: ...

    def acts_at(self, level: Level, structure: Structure) -> bool:
        """True when this actor holds `level` for `structure` (role and territory)."""
        ...


class SystemActor:
    """The automatic processes (yearly verification, delisting after two months)."""

    user = None
    label = "Traitement automatique"

    def acts_at(self, level: Level, structure: Structure) -> bool:
        return level == Level.SYSTEM


SYSTEM = SystemActor()
