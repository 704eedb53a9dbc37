"""Status transitions of offers and structures: the only code that writes a status.

Each transition checks the table (rules.py), the actor's level and territory, the comment,
the offer's validity, then moves the status with a conditional UPDATE on the expected
status: when two coordinators approve the same offer at once, one wins and the other gets
`TransitionConflict`; nothing is lost or doubled. The journal row is written in the same
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction
from django.utils import timezone

from annuaire.core import published
from annuaire.core.db import is_lock_conflict
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, PublicationEvent, Structure
from annuaire.directory.publication.actors import Actor
from annuaire.directory.publication.rules import (
    NOT_YET_PUBLISHED,
    OFFER,
    STRUCTURE,
    Action,
    Level,
    Transition,
    find_transition,
    transitions_from,
)
from annuaire.directory.publication.signals import batch_transitioned, transitioned
from annuaire.directory.validation import validate_offer

Target = Offer | Structure

# Actions after which an offer must satisfy every rule.
_VALIDATED_ACTIONS = {Action.SUBMIT, Action.SUBMIT_REGIONAL, Action.APPROVE_TERRITORIAL, Action.APPROVE_REGIONAL}


class TransitionError(Exception):
    """A transition refused; `str(error)` is a French message for people."""


class TransitionNotAllowed(TransitionError):
    pass


class TransitionConflict(TransitionError):
    """Someone else changed the status first (e.g. two coordinators approving at once)."""


class InvalidOffer(TransitionError):
    def __init__(self, error: ValidationError) -> None:
        self.error = error
        super().__init__("L'offre ne respecte pas les règles de l'annuaire : " + " ".join(error.messages))


def kind_of(target: Target) -> str:
    return OFFER if isinstance(target, Offer) else STRUCTURE


def structure_of(target: Target) -> Structure:
    return target.structure if isinstance(target, Offer) else target


def allowed_actions(target: Target, actor: Actor) -> list[Transition]:
    """The transitions `actor` may make on `target` now (for buttons; each is re-checked)."""
    structure = structure_of(target)
    return [
        t
        for t in transitions_from(kind_of(target), target.status)
        if t.action != Action.PUBLISH_WITH_FIRST_OFFER and any(actor.acts_at(level, structure) for level in t.levels)
    ]


def transition(target: Target, action: Action, actor: Actor, comment: str = "") -> PublicationEvent:
    """Move `target` by `action`, or raise a `TransitionError` and change nothing."""
    kind = kind_of(target)
    rule = find_transition(kind, action, target.status)
    noun = "cette offre" if kind == OFFER else "cette structure"
    if rule is None or action == Action.PUBLISH_WITH_FIRST_OFFER:
        raise TransitionNotAllowed(
            f"Action impossible sur {noun} dans son état actuel ({_status_label(target.status)})."
        )
    structure = structure_of(target)
    if not any(actor.acts_at(level, structure) for level in rule.levels):
        raise TransitionNotAllowed(f"Vous n'avez pas le rôle ou le territoire pour faire cette action sur {noun}.")
    comment = (comment or "").strip()
    if rule.comment_required and not comment:
        raise TransitionNotAllowed("Écrivez un commentaire : il explique la décision à la structure.")
    if isinstance(target, Offer) and action in _VALIDATED_ACTIONS:
        try:
            validate_offer(target)
        except ValidationError as error:
            raise InvalidOffer(error) from error
    try:
        with transaction.atomic():
            event = _move(target, rule, actor, comment)
            if isinstance(target, Offer) and action == Action.APPROVE_REGIONAL:
                from annuaire.directory.publication.revisions import apply_revision

                if target.revision_of_id is not None:
                    apply_revision(target)
                _publish_structure_with_first_offer(structure, actor)
            transitioned.send(sender=type(target), target=target, event=event, batched=_batch.get() is not None)
    except OperationalError as error:
        # Another transaction holds the rows (SQLite locks, PostgreSQL deadlocks): the other
        # person's change wins, this one changes nothing.
        if not is_lock_conflict(error):
            raise
        raise TransitionConflict(
            "Quelqu'un modifie cette fiche en ce moment : rechargez la page dans un instant pour voir son état."
        ) from error
    made = _batch.get()
    if made is not None:
        made.append((target, event))
    return event


# The transitions of the current `batch()`, None outside one.
_batch: ContextVar[list[tuple[Target, PublicationEvent]] | None] = ContextVar("publication_batch", default=None)


@contextmanager
def batch() -> Iterator[None]:
    """Transitions made inside are also announced together when the block ends
    (`batch_transitioned`): a coordinator who approves 100 offers, or an import that submits
    500, makes one e-mail per person rather than one per offer. Nested blocks join the outer one."""
    if _batch.get() is not None:
        yield
        return
    made: list[tuple[Target, PublicationEvent]] = []
    token = _batch.set(made)
    try:
        yield
    except BaseException:
        _batch.reset(token)
        # Outside a transaction, the transitions already made are saved: they are told. Inside
        # one (an all-or-nothing import), they are rolled back with it: nothing to tell.
        if made and not transaction.get_connection().in_atomic_block:
            batch_transitioned.send(sender=PublicationEvent, transitions=made)
        raise
    _batch.reset(token)
    if made:
        batch_transitioned.send(sender=PublicationEvent, transitions=made)


@dataclass
class BulkOutcome:
    done: list[Target] = field(default_factory=list)
    refused: list[tuple[Target, str]] = field(default_factory=list)


def bulk_transition(targets: Iterable[Target], action: Action, actor: Actor, comment: str = "") -> BulkOutcome:
    """The same action on many offers (e.g. approve an import): each one on its own, so
    that one refusal does not block the others; the outcome says which were refused and why."""
    outcome = BulkOutcome()
    with batch():
        for target in targets:
            try:
                transition(target, action, actor, comment)
            except TransitionError as error:
                outcome.refused.append((target, str(error)))
            else:
                outcome.done.append(target)
    return outcome


def _move(target: Target, rule: Transition, actor: Actor, comment: str) -> PublicationEvent:
    now = timezone.now()
    source = target.status
    # `updated_at` too: an UPDATE skips auto_now, and API harvesters sync on it (modifie_depuis).
    changes: dict[str, Any] = {"status": rule.target, "status_changed_at": now, "updated_at": now}
    if rule.target == PublicationStatus.PUBLISHED:
        if rule.action != Action.REINSTATE or target.published_at is None:
            changes["published_at"] = now
        changes["last_verified_at"] = timezone.localdate(now)
    model = type(target)
    updated = model.objects.filter(pk=target.pk, status=source).update(**changes)  # type: ignore[attr-defined]
    if updated != 1:
        current = model.objects.filter(pk=target.pk).values_list("status", flat=True).first()  # type: ignore[attr-defined]
        raise TransitionConflict(
            "Quelqu'un a traité cette fiche entre-temps (elle est maintenant : "
            f"{_status_label(current or '')}). Rechargez la page pour voir son état."
        )
    # The one writer of statuses tells the public caches (docs/adr/0034-response-cache.md).
    published.changed()
    for name, value in changes.items():
        setattr(target, name, value)
    return _record(target, rule.action, source, rule.target, actor, comment, now)


def _record(
    target: Target, action: Action, source: str, destination: str, actor: Actor, comment: str, at: datetime
) -> PublicationEvent:
    offer = target if isinstance(target, Offer) else None
    return PublicationEvent.objects.create(
        offer=offer,
        structure=structure_of(target),
        action=action,
        from_status=source,
        to_status=destination,
        actor=actor.user,
        actor_label=actor.label,
        comment=comment,
        at=at,
    )


def _publish_structure_with_first_offer(structure: Structure, actor: Actor) -> None:
    """A structure (accepted) becomes public with the regional approval of its first offer."""
    structure.refresh_from_db(fields=["status", "published_at"])
    if structure.status not in NOT_YET_PUBLISHED:
        return
    rule = find_transition(STRUCTURE, Action.PUBLISH_WITH_FIRST_OFFER, structure.status)
    assert rule is not None and actor.acts_at(Level.REGIONAL, structure)
    _move(structure, rule, actor, "")


def _status_label(status: str) -> str:
    try:
        return str(PublicationStatus(status).label)
    except ValueError:
        return status or "inconnu"
