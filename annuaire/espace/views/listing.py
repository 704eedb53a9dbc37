"""Status actions on a structure's listing and on its offers, from the structure's pages:
a structure submits, takes back or ends its offers and may leave the directory; the
regional administrator suspends, delists, ends or reinstates, always with a written
reason. Everything goes through the publication module (docs/adr/0010, 0026)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from annuaire.directory import publication
from annuaire.directory.models import Offer, Structure
from annuaire.espace.views.access import actor_of, espace_view
from annuaire.espace.views.review import BUTTONS

STRUCTURE_BUTTONS = {
    **BUTTONS,
    publication.Action.LEAVE: "Quitter l'annuaire",
    publication.Action.SUSPEND: "Suspendre le référencement",
    publication.Action.DELIST: "Retirer la structure de l'annuaire",
}


# Reviewers decide on the review screen, where the warnings and the care's professions are
# shown (espace:offer_review), not from the structure's pages.
REVIEW_ACTIONS = frozenset(
    {publication.Action.APPROVE_TERRITORIAL, publication.Action.APPROVE_REGIONAL, publication.Action.SEND_BACK}
)


def action_buttons(target: Offer | Structure, actor: publication.Actor) -> list[tuple[str, str, bool]]:
    """(action, button label, needs a written reason) for what `actor` may do on `target` now."""
    labels = STRUCTURE_BUTTONS if isinstance(target, Structure) else BUTTONS
    return [
        (t.action.value, labels.get(t.action, publication.ACTION_LABELS[t.action]), t.comment_required)
        for t in publication.allowed_actions(target, actor)
        if t.action not in REVIEW_ACTIONS
    ]


def _act(request: HttpRequest, target: Offer | Structure) -> None:
    try:
        action = publication.Action(request.POST.get("action", ""))
    except ValueError:
        messages.error(request, "Action inconnue : choisissez un des boutons proposés.")
        return
    if action in REVIEW_ACTIONS:
        messages.error(request, "Validez ou renvoyez une offre depuis son écran de validation.")
        return
    try:
        publication.transition(target, action, actor_of(request), request.POST.get("motif", ""))
    except publication.TransitionError as error:
        messages.error(request, str(error))
        return
    messages.success(request, f"« {target} » : {publication.ACTION_LABELS[action].lower()}.")


@require_POST
@espace_view
def structure_status(request: HttpRequest, pk: int) -> HttpResponse:
    structures = actor_of(request).structures().select_related("commune__departement")
    structure = get_object_or_404(structures, pk=pk)
    _act(request, structure)
    return redirect("espace:structure", pk=structure.pk)


@require_POST
@espace_view
def offer_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit, take back, end (or, for a working copy, discard) one offer of the structure."""
    offers = actor_of(request).offers().select_related("structure__commune__departement")
    offer = get_object_or_404(offers, pk=pk)
    if request.POST.get("action") == "abandonner":
        try:
            publication.discard_revision(offer, actor_of(request))
        except publication.TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Les modifications en attente sont abandonnées ; l'offre publiée ne change pas.")
    else:
        _act(request, offer)
    return redirect("espace:structure", pk=offer.structure_id)
