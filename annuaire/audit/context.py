"""Say who changes something and why, around any save (views, commands, imports)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from auditlog.context import set_extra_data

REASON_KEY = "motif"


@contextlib.contextmanager
def audit_reason(reason: str, user: Any = None) -> Iterator[None]:
    """Every change saved inside this block is recorded with `reason` (and `user` as actor;
    inside a request the middleware already knows the user, pass it anyway: this context
    replaces the request's one while it lasts)."""
    data: dict[str, Any] = {"additional_data": {REASON_KEY: reason}}
    if user is not None and getattr(user, "is_authenticated", False):
        data["actor"] = user
    with set_extra_data(context_data=data):
        yield
