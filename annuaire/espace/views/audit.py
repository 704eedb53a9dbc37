"""The change history, read-only, for regional administrators (issue 7, point 9): who
changed what, when, which field from what to what, and why. The history itself is kept by
django-auditlog (annuaire.audit, docs/adr/0012); this page only reads it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from annuaire.accounts.access import UserActor
from annuaire.accounts.models import Role, RoleKind
from annuaire.audit.history import history_of_structure, reason_of
from annuaire.directory.models import Offer, Place, Structure
from annuaire.espace.views.access import actor_of, espace_view

PER_PAGE = 50
ACTIONS = {
    LogEntry.Action.CREATE: "création",
    LogEntry.Action.UPDATE: "modification",
    LogEntry.Action.DELETE: "suppression",
    LogEntry.Action.ACCESS: "consultation",
}


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class Row:
    entry: LogEntry
    what: str
    action: str
    changes: list[Change]
    reason: str


def changes_in_regions(actor: UserActor) -> QuerySet[LogEntry]:
    """Changes to the structures, places, offers and roles of the actor's regions."""
    structures = actor.structures()
    regions = sorted({g.region_code for g in actor.grants if g.kind == RoleKind.REGIONAL_ADMIN and g.region_code})

    def of(model: type[Model], ids: QuerySet[Any]) -> Q:
        return Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)

    roles = Role.objects.filter(
        Q(structure__in=structures) | Q(region_id__in=regions) | Q(departements__region_id__in=regions)
    )
    q = of(Structure, structures.values("pk"))
    q |= of(Place, Place.objects.filter(structure__in=structures).values("pk"))
    q |= of(Offer, Offer.objects.filter(structure__in=structures).values("pk"))
    q |= of(Role, roles.values("pk"))
    return LogEntry.objects.filter(q).select_related("actor", "content_type").order_by("-timestamp", "-pk")


def describe(entry: LogEntry) -> Row:
    model = entry.content_type.model_class()
    noun = str(model._meta.verbose_name) if model is not None else entry.content_type.model
    changes = [_change(model, name, values) for name, values in (entry.changes_dict or {}).items()]
    return Row(
        entry, f"{noun.capitalize()} « {entry.object_repr} »", ACTIONS.get(entry.action, ""), changes, reason_of(entry)
    )


def _change(model: type[Model] | None, name: str, values: Any) -> Change:
    field: Any = None
    if model is not None:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
    label = str(getattr(field, "verbose_name", name)).capitalize()
    if isinstance(values, dict):  # a many-to-many change: {"type": "m2m", "operation": ..., "objects": [...]}
        verb = {"add": "ajout", "delete": "retrait"}.get(str(values.get("operation")), str(values.get("operation")))
        return Change(label, "", f"{verb} : {', '.join(map(str, values.get('objects', [])))}")
    before, after = [*values, "", ""][:2]
    choices = dict(getattr(field, "flatchoices", None) or [])
    return Change(label, _shown(before, choices), _shown(after, choices))


def _shown(value: Any, choices: dict[Any, Any]) -> str:
    text = "" if value in (None, "None") else str(value)
    return str(choices.get(text, text)) or "—"


@espace_view
def audit(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not actor.is_regional_admin:
        raise PermissionDenied("L'historique des modifications est réservé aux administrateurs régionaux.")
    structure = None
    entries = changes_in_regions(actor)
    if request.GET.get("structure", "").isdigit():
        structure = get_object_or_404(actor.structures(), pk=int(request.GET["structure"]))
        entries = history_of_structure(structure)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "espace/saisie/audit.html",
        {"page": page, "rows": [describe(entry) for entry in page], "structure": structure},
    )
