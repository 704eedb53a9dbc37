"""django-auditlog's middleware, without reading the session on every request.

The stock middleware asks `request.user` at once, which reads the session and adds
`Vary: Cookie` to every public page (uncacheable). Here the actor is looked up only when
a change is actually recorded."""

from __future__ import annotations

from typing import Any

from auditlog.middleware import AuditlogMiddleware
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


class LazyActorAuditlogMiddleware(AuditlogMiddleware):
    @staticmethod
    def _get_actor(request: HttpRequest) -> Any:
        return SimpleLazyObject(lambda: AuditlogMiddleware._get_actor(request))
