"""The publication workflow as data: which action moves which status to which, and who may.

A small explicit table rather than a state-machine library (docs/adr/0010): the same
table serves offers and structures, the transitions are conditional UPDATEs (safe when two
coordinators act at once), and the demo and the tests walk it in bulk.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from annuaire.directory.enums import PublicationStatus as S


class Level(StrEnum):
    """Who acts: the structure's own people, the territory (3C / DAC), the region, the system."""

    STRUCTURE = "structure"
    TERRITORIAL = "territorial"
    REGIONAL = "regional"
    SYSTEM = "system"


class Action(StrEnum):
    SUBMIT = "soumettre"
    SUBMIT_REGIONAL = "soumettre-region"
    WITHDRAW = "reprendre"
    APPROVE_TERRITORIAL = "valider-territoire"
    APPROVE_REGIONAL = "valider-region"
    SEND_BACK = "renvoyer"
    PUBLISH_WITH_FIRST_OFFER = "publier-avec-offre"
    SUSPEND = "suspendre"
    DELIST = "retirer"
    END = "terminer"
    LEAVE = "quitter"
    REINSTATE = "retablir"


ACTION_LABELS = {
    Action.SUBMIT: "Soumise à la validation territoriale",
    Action.SUBMIT_REGIONAL: "Soumise à la validation régionale",
    Action.WITHDRAW: "Reprise en brouillon",
    Action.APPROVE_TERRITORIAL: "Validée au niveau territorial",
    Action.APPROVE_REGIONAL: "Validée au niveau régional et publiée",
    Action.SEND_BACK: "Renvoyée pour correction",
    Action.PUBLISH_WITH_FIRST_OFFER: "Publiée avec sa première offre validée",
    Action.SUSPEND: "Suspendue",
    Action.DELIST: "Retirée de l'annuaire",
    Action.END: "Référencement terminé",
    Action.LEAVE: "Référencement terminé à la demande de la structure",
    Action.REINSTATE: "Rétablie",
}

OFFER = "offer"
STRUCTURE = "structure"

# Before the first publication a structure is "accepted" (its application was): it becomes
# public with the regional approval of its first offer.
NOT_YET_PUBLISHED = frozenset({S.DRAFT, S.RETURNED, S.TERRITORIAL_REVIEW, S.REGIONAL_REVIEW})
IN_REVIEW = frozenset({S.TERRITORIAL_REVIEW, S.REGIONAL_REVIEW})
EDITABLE = frozenset({S.DRAFT, S.RETURNED})


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[str]
    target: str
    levels: frozenset[Level]
    kinds: frozenset[str]
    comment_required: bool = False


def _t(
    action: Action,
    sources: set[str],
    target: str,
    levels: set[Level],
    kinds: set[str] | None = None,
    comment_required: bool = False,
) -> Transition:
    return Transition(
        action, frozenset(sources), target, frozenset(levels), frozenset(kinds or {OFFER}), comment_required
    )


TRANSITIONS: tuple[Transition, ...] = (
    _t(Action.SUBMIT, {S.DRAFT, S.RETURNED}, S.TERRITORIAL_REVIEW, {Level.STRUCTURE, Level.TERRITORIAL}),
    # An import by the regional administrator lands in regional review (issue 7, point 6).
    _t(Action.SUBMIT_REGIONAL, {S.DRAFT, S.RETURNED}, S.REGIONAL_REVIEW, {Level.REGIONAL}),
    _t(Action.WITHDRAW, {S.TERRITORIAL_REVIEW, S.REGIONAL_REVIEW}, S.DRAFT, {Level.STRUCTURE}),
    _t(Action.APPROVE_TERRITORIAL, {S.TERRITORIAL_REVIEW}, S.REGIONAL_REVIEW, {Level.TERRITORIAL}),
    _t(Action.APPROVE_REGIONAL, {S.REGIONAL_REVIEW}, S.PUBLISHED, {Level.REGIONAL}),
    _t(Action.SEND_BACK, {S.TERRITORIAL_REVIEW}, S.RETURNED, {Level.TERRITORIAL}, comment_required=True),
    _t(Action.SEND_BACK, {S.REGIONAL_REVIEW}, S.RETURNED, {Level.REGIONAL}, comment_required=True),
    _t(Action.PUBLISH_WITH_FIRST_OFFER, set(NOT_YET_PUBLISHED), S.PUBLISHED, {Level.REGIONAL}, {STRUCTURE}),
    _t(Action.SUSPEND, {S.PUBLISHED}, S.SUSPENDED, {Level.REGIONAL}, {OFFER, STRUCTURE}, comment_required=True),
    _t(
        Action.DELIST,
        {S.PUBLISHED},
        S.DELISTED,
        {Level.REGIONAL, Level.SYSTEM},
        {OFFER, STRUCTURE},
        comment_required=True,
    ),
    # A structure stops one of its offers itself; ending a whole structure is the region's decision.
    _t(
        Action.END,
        {S.DRAFT, S.RETURNED, S.PUBLISHED, S.SUSPENDED, S.DELISTED},
        S.ENDED,
        {Level.STRUCTURE, Level.REGIONAL},
        comment_required=True,
    ),
    _t(
        Action.END,
        {S.DRAFT, S.RETURNED, S.PUBLISHED, S.SUSPENDED, S.DELISTED},
        S.ENDED,
        {Level.REGIONAL},
        {STRUCTURE},
        comment_required=True,
    ),
    # A structure leaves the directory itself, with its reason (issue 7, point 7): hidden at
    # once with all its offers, nothing deleted; only the region reinstates it.
    _t(
        Action.LEAVE,
        {S.DRAFT, S.RETURNED, S.TERRITORIAL_REVIEW, S.REGIONAL_REVIEW, S.PUBLISHED, S.SUSPENDED, S.DELISTED},
        S.ENDED,
        {Level.STRUCTURE},
        {STRUCTURE},
        comment_required=True,
    ),
    _t(
        Action.REINSTATE,
        {S.SUSPENDED, S.DELISTED, S.ENDED},
        S.PUBLISHED,
        {Level.REGIONAL},
        {OFFER, STRUCTURE},
        comment_required=True,
    ),
)


def find_transition(kind: str, action: Action, source: str) -> Transition | None:
    """The transition `action` from `source` for an offer or a structure (`kind`), if any."""
    for transition in TRANSITIONS:
        if transition.action == action and kind in transition.kinds and source in transition.sources:
            return transition
    return None


def transitions_from(kind: str, source: str) -> list[Transition]:
    return [t for t in TRANSITIONS if kind in t.kinds and source in t.sources]
