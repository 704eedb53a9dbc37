"""The publication module: the workflow of offers and structures (docs/adr/0010).

Ways in call these; nothing else writes a status.

    from annuaire.directory import publication
    publication.transition(offer, publication.Action.APPROVE_TERRITORIAL, actor, comment="")
"""

from annuaire.directory.publication.actors import SYSTEM, Actor, SystemActor
from annuaire.directory.publication.revisions import (
    DIRECT_FIELDS,
    ChangeSet,
    classify_changes,
    discard_revision,
    is_direct_correction,
    open_revision,
    propose_changes,
    start_revision,
)
from annuaire.directory.publication.rules import (
    ACTION_LABELS,
    EDITABLE,
    IN_REVIEW,
    NOT_YET_PUBLISHED,
    TRANSITIONS,
    Action,
    Level,
    Transition,
)
from annuaire.directory.publication.workflow import (
    BulkOutcome,
    InvalidOffer,
    TransitionConflict,
    TransitionError,
    TransitionNotAllowed,
    allowed_actions,
    batch,
    bulk_transition,
    transition,
)

__all__ = [
    "ACTION_LABELS",
    "DIRECT_FIELDS",
    "EDITABLE",
    "IN_REVIEW",
    "NOT_YET_PUBLISHED",
    "SYSTEM",
    "TRANSITIONS",
    "Action",
    "Actor",
    "BulkOutcome",
    "ChangeSet",
    "InvalidOffer",
    "Level",
    "SystemActor",
    "Transition",
    "TransitionConflict",
    "TransitionError",
    "TransitionNotAllowed",
    "allowed_actions",
    "batch",
    "bulk_transition",
    "classify_changes",
    "discard_revision",
    "is_direct_correction",
    "open_revision",
    "propose_changes",
    "start_revision",
    "transition",
]
