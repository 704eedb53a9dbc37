"""Put many new offers and structures in a status at once, journal included: for tooling.

The demo generator and the test factories need rows "already published" or "waiting for
the region" without walking each transition one query at a time. `prepare` sets the
status and dates of unsaved rows and returns the journal of the canonical path that
leads there (each step a legal transition of rules.py); `record` saves that journal once
the rows have their primary keys. No permission is checked: ways in (back office, admin,
import) use `workflow.transition`, never this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from annuaire.core import published
from annuaire.directory.enums import PublicationStatus as S
from annuaire.directory.models import Offer, PublicationEvent, Structure
from annuaire.directory.publication.rules import OFFER, STRUCTURE, Action, find_transition

Row = Offer | Structure

_OFFER_PATHS: dict[str, tuple[Action, ...]] = {
    S.DRAFT: (),
    S.TERRITORIAL_REVIEW: (Action.SUBMIT,),
    S.RETURNED: (Action.SUBMIT, Action.SEND_BACK),
    S.REGIONAL_REVIEW: (Action.SUBMIT, Action.APPROVE_TERRITORIAL),
    S.PUBLISHED: (Action.SUBMIT, Action.APPROVE_TERRITORIAL, Action.APPROVE_REGIONAL),
    S.SUSPENDED: (Action.SUBMIT, Action.APPROVE_TERRITORIAL, Action.APPROVE_REGIONAL, Action.SUSPEND),
    S.DELISTED: (Action.SUBMIT, Action.APPROVE_TERRITORIAL, Action.APPROVE_REGIONAL, Action.DELIST),
    S.ENDED: (Action.SUBMIT, Action.APPROVE_TERRITORIAL, Action.APPROVE_REGIONAL, Action.END),
}
_STRUCTURE_PATHS: dict[str, tuple[Action, ...]] = {
    S.DRAFT: (),
    S.PUBLISHED: (Action.PUBLISH_WITH_FIRST_OFFER,),
    S.SUSPENDED: (Action.PUBLISH_WITH_FIRST_OFFER, Action.SUSPEND),
    S.DELISTED: (Action.PUBLISH_WITH_FIRST_OFFER, Action.DELIST),
    S.ENDED: (Action.PUBLISH_WITH_FIRST_OFFER, Action.END),
}
SEED_COMMENT = "État initial des données (démonstration ou tests)."


def path_to(kind: str, status: str) -> list[tuple[Action, str, str]]:
    """The legal steps (action, from, to) leading a new row from draft to `status`."""
    paths = _OFFER_PATHS if kind == OFFER else _STRUCTURE_PATHS
    if status not in paths:
        raise ValueError(f"No seeding path to {status!r} for a {kind}.")
    steps, current = [], str(S.DRAFT)
    for action in paths[status]:
        rule = find_transition(kind, action, current)
        assert rule is not None, (kind, action, current)
        steps.append((action, current, rule.target))
        current = rule.target
    return steps


def prepare(
    rows: Sequence[Row], statuses: Sequence[str], *, by: str, at: datetime | Sequence[datetime] | None = None
) -> list[PublicationEvent]:
    """Set status and dates of unsaved `rows`; the journal to `record` once they are saved.

    `at` is when the last step happened (one moment, or one per row); earlier steps are
    spaced a day apart before it."""
    now = timezone.now()
    events: list[PublicationEvent] = []
    for index, (row, status) in enumerate(zip(rows, statuses, strict=True)):
        when = at[index] if isinstance(at, Sequence) else (at or now)
        kind = OFFER if isinstance(row, Offer) else STRUCTURE
        steps = path_to(kind, status)
        row.status = status
        row.status_changed_at = when if steps else None
        for number, (action, source, target) in enumerate(steps):
            moment = when - timedelta(days=len(steps) - 1 - number)
            if target == S.PUBLISHED and row.published_at is None:
                row.published_at = moment
            events.append(
                PublicationEvent(
                    offer=row if isinstance(row, Offer) else None,
                    structure=row.structure if isinstance(row, Offer) else row,
                    action=action,
                    from_status=source,
                    to_status=target,
                    actor_label=by,
                    comment=SEED_COMMENT if action in _COMMENTED else "",
                    at=moment,
                )
            )
    return events


_COMMENTED = {Action.SEND_BACK, Action.SUSPEND, Action.DELIST, Action.END}


def record(events: Iterable[PublicationEvent], batch_size: int = 2000) -> None:
    """Save the journal returned by `prepare`, after the rows themselves."""
    PublicationEvent.objects.bulk_create(list(events), batch_size=batch_size)
    published.changed()


@transaction.atomic
def place_in_status(row: Row, status: str, *, by: str) -> None:
    """Move one saved row, still in draft, to `status` (test factories)."""
    if row.status != S.DRAFT:
        raise ValueError("place_in_status starts from a draft.")
    model = type(row)
    events = prepare([row], [status], by=by)
    model.objects.filter(pk=row.pk).update(  # type: ignore[attr-defined]
        status=row.status, status_changed_at=row.status_changed_at, published_at=row.published_at
    )
    record(events)
