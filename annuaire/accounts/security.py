"""The second factor: TOTP (with recovery codes) through django-allauth's MFA (docs/adr/0014).

Coordinators and regional administrators must have it before using the back office; the
demo accounts (created by `seed_demo` only) may skip it."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.models import Authenticator
from django.http import HttpRequest

from annuaire.accounts.access import actor_for


def is_demo_account(user: Any) -> bool:
    from annuaire.accounts.models import DemoAccount

    return bool(user.is_authenticated) and DemoAccount.objects.filter(user=user).exists()


def has_totp(user: Any) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def must_set_up_totp(user: Any) -> bool:
    """A coordinator or administrator without TOTP (demo accounts excepted)."""
    return actor_for(user).needs_second_factor and not has_totp(user) and not is_demo_account(user)


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by invitation (referents) or by the regional administrators:
    nobody signs up by themselves."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
