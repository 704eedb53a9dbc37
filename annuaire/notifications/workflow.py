"""Who is told what at each step of the publication workflow."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from annuaire.accounts.roles import people_acting_at
from annuaire.directory.models import Offer, PublicationEvent, Structure
from annuaire.directory.publication import ACTION_LABELS, Action, Level
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


def on_transition(sender: Any, target: Offer | Structure, event: PublicationEvent, **kwargs: Any) -> None:
    level = TOLD.get(Action(event.action))
    if level is None:
        return
    structure = event.structure
    people = people_acting_at(level, structure).exclude(pk=event.actor_id or 0)
    offer = target if isinstance(target, Offer) else None
    link = ""
    if offer is not None and level != Level.STRUCTURE:
        link = settings.SITE_URL.rstrip("/") + reverse("espace:offer_review", kwargs={"pk": offer.pk})
    elif level == Level.STRUCTURE:
        link = settings.SITE_URL.rstrip("/") + reverse("espace:dashboard")
    notify(
        "transition",
        [person.email for person in people],
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
