"""Which models keep a change history (django-auditlog, docs/adr/0012).

Every change to a structure, an offer, a place or a role is recorded: who, when, field
from → to, and why when the way in gives a reason (`annuaire.audit.context.audit_reason`).
Other apps register their own models (applications, documents) with `register_audited`
in their `AppConfig.ready()`.
"""

from __future__ import annotations

from collections.abc import Iterable

from auditlog.registry import auditlog
from django.db.models import Model

# Computed or bookkeeping fields: their changes say nothing to a person.
NEVER_AUDITED = ("search_text", "updated_at", "created_at", "lat", "lng")


def register_audited(model: type[Model], *, m2m_fields: Iterable[str] = (), exclude_fields: Iterable[str] = ()) -> None:
    """Keep the history of `model` (idempotent)."""
    if auditlog.contains(model):
        return
    auditlog.register(
        model,
        m2m_fields=set(m2m_fields),
        exclude_fields=[*NEVER_AUDITED, *exclude_fields],
    )


def register_directory_models() -> None:
    from annuaire.accounts.models import Role
    from annuaire.directory.models import Offer, Place, Structure

    register_audited(Structure)
    register_audited(Place)
    register_audited(Offer, m2m_fields=("subcategories", "places"))
    register_audited(Role, m2m_fields=("departements", "communes"))
