"""Every back-office view: signed in, holding at least one role, with a TOTP second factor
for coordinators and administrators (demo accounts excepted); objects are then fetched
through the actor's querysets (annuaire.accounts.access), so another territory is a 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from annuaire.accounts.access import UserActor, actor_for
from annuaire.accounts.security import must_set_up_totp

View = Callable[..., HttpResponse]


def espace_view(view: Callable[..., HttpResponse]) -> View:
    """Login required, then a role required; the view receives the actor as `request.actor`."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = actor_for(request.user)
        if not actor.has_any_role:
            raise PermissionDenied("Votre compte n'a encore aucun rôle dans l'annuaire.")
        if must_set_up_totp(request.user):
            messages.info(
                request,
                "Les coordinateurs et les administrateurs protègent leur compte par un second facteur : "
                "activez-le pour accéder à l'espace.",
            )
            return redirect("mfa_activate_totp")
        request.actor = actor  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped


def actor_of(request: HttpRequest) -> UserActor:
    actor: UserActor = request.actor  # type: ignore[attr-defined]
    return actor
