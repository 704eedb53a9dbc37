"""Who is told what at each step of the publication workflow."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse

from annuaire.accounts.roles import people_acting_at
from annuaire.directory.models import Offer, PublicationEvent, Structure
from annuaire.directory.publication import ACTION_LABELS, SYSTEM, Action, Level
from annuaire.notifications.notify import notify

# Action → who is told: those who must act next, or the structure about a decision.
TOLD = {
    Action.SUBMIT: Level.TERRITORIAL,
    Action.APPROVE_TERRITORIAL: Level.REGIONAL,
    Action.SUBMIT_REGIONAL: Level.REGIONAL,
    Action.APPROVE_REGIONAL: Level.STRUCTURE,
    Action.SEND_BACK: Level.STRUCTURE,
    Action.SUSPEND: Level.STRUCTURE,
    Action.DELIST: Level.STRUCTURE,
    Action.END: Level.STRUCTURE,
    Action.REINSTATE: Level.STRUCTURE,
}


@dataclass(frozen=True)
class Step:
    """One transition as told to the people concerned."""

    recipients: tuple[str, ...]
    context: dict[str, Any]


def step_of(target: Offer | Structure, event: PublicationEvent) -> Step | None:
    level = TOLD.get(Action(event.action))
    if level is None or event.actor_label == SYSTEM.label:
        # The automatic processes (yearly verification) write one e-mail of their own per structure.
        return None
    structure = event.structure
    people = people_acting_at(level, structure).exclude(pk=event.actor_id or 0)
    offer = target if isinstance(target, Offer) else None
    link = ""
    if offer is not None and level != Level.STRUCTURE:
        link = settings.SITE_URL.rstrip("/") + reverse("espace:offer_review", kwargs={"pk": offer.pk})
    elif level == Level.STRUCTURE:
        link = settings.SITE_URL.rstrip("/") + reverse("espace:dashboard")
    return Step(
        tuple(sorted({person.email for person in people if person.email})),
        {
            "what": f"l'offre « {offer.title} »" if offer else f"la structure « {structure.name} »",
            "structure": structure.name,
            "step": ACTION_LABELS[Action(event.action)],
            "comment": event.comment,
            "actor": event.actor_label,
            "to_act": level != Level.STRUCTURE,
            "link": link,
        },
    )


def on_transition(
    sender: Any, target: Offer | Structure, event: PublicationEvent, batched: bool = False, **kwargs: Any
) -> None:
    if batched:
        return  # told with the others when the batch ends (on_batch)
    step = step_of(target, event)
    if step is not None:
        notify("transition", step.recipients, step.context)


def on_batch(sender: Any, transitions: list[tuple[Offer | Structure, PublicationEvent]], **kwargs: Any) -> None:
    """One e-mail per person for a bulk approval or an import: the usual one when a single
    change concerns them, else a digest listing every change."""
    steps_of: dict[str, list[Step]] = defaultdict(list)
    for target, event in transitions:
        step = step_of(target, event)
        if step is None:
            continue
        for address in step.recipients:
            steps_of[address].append(step)
    for address, steps in sorted(steps_of.items()):
        if len(steps) == 1:
            notify("transition", [address], steps[0].context)
            continue
        to_act = any(step.context["to_act"] for step in steps)
        notify(
            "transition-digest",
            [address],
            {
                "steps": [step.context for step in steps],
                "to_act": to_act,
                "link": settings.SITE_URL.rstrip("/") + reverse("espace:queue" if to_act else "espace:dashboard"),
            },
        )
