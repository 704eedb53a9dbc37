"""Back-office access for the verification pages: signed in, holding a role (as every
/espace/ page); objects are then fetched through the actor's querysets (another territory: 404)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from annuaire.accounts.access import UserActor, actor_for


def espace_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = actor_for(request.user)
        if not actor.has_any_role:
            raise PermissionDenied("Votre compte n'a encore aucun rôle dans l'annuaire.")
        request.actor = actor  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped


def actor_of(request: HttpRequest) -> UserActor:
    actor: UserActor = request.actor  # type: ignore[attr-defined]
    return actor
