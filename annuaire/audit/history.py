"""Reading the history (read-only): what changed on an object or a structure, newest first."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.db.models import Model, Q, QuerySet

from annuaire.audit.context import REASON_KEY


def history_of(obj: Model) -> QuerySet[LogEntry]:
    return LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp", "-pk")


def history_of_structure(structure: Any) -> QuerySet[LogEntry]:
    """The structure, its places and its offers (working copies included)."""
    from annuaire.directory.models import Offer, Place, Structure

    def of(model: type[Model], pks: Any) -> Q:
        return Q(content_type__app_label=model._meta.app_label, content_type__model=model._meta.model_name) & Q(
            object_pk__in=[str(pk) for pk in pks]
        )

    q = of(Structure, [structure.pk])
    q |= of(Place, Place.objects.filter(structure=structure).values_list("pk", flat=True))
    q |= of(Offer, Offer.objects.filter(structure=structure).values_list("pk", flat=True))
    return LogEntry.objects.filter(q).select_related("actor", "content_type").order_by("-timestamp", "-pk")


def reason_of(entry: LogEntry) -> str:
    data = entry.additional_data or {}
    return str(data.get(REASON_KEY, "")) if isinstance(data, dict) else ""
