"""The review screen of an offer, and the decision (approve / send back) at my level."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from annuaire.directory import publication
from annuaire.directory.models import Offer, PublicationEvent
from annuaire.directory.validation import check_offer
from annuaire.espace.views.access import actor_of, espace_view

BUTTONS = {
    publication.Action.SUBMIT: "Soumettre à la validation",
    publication.Action.WITHDRAW: "Reprendre en brouillon",
    publication.Action.APPROVE_TERRITORIAL: "Valider (niveau territorial)",
    publication.Action.APPROVE_REGIONAL: "Valider et publier (niveau régional)",
    publication.Action.SEND_BACK: "Renvoyer à la structure pour correction",
    publication.Action.SUSPEND: "Suspendre",
    publication.Action.DELIST: "Retirer de l'annuaire",
    publication.Action.END: "Mettre fin au référencement",
    publication.Action.REINSTATE: "Rétablir",
    publication.Action.SUBMIT_REGIONAL: "Soumettre à la validation régionale",
}


def _offer(request: HttpRequest, pk: int) -> Offer:
    offers = actor_of(request).offers().select_related("structure__commune__departement", "category", "revision_of")
    return get_object_or_404(offers, pk=pk)


@espace_view
def offer_review(request: HttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    subcategories = list(offer.subcategories.prefetch_related("professions"))
    places = list(offer.places.select_related("commune"))
    check = check_offer(offer, subcategories=subcategories, places=places)
    return render(
        request,
        "espace/review.html",
        {
            "offer": offer,
            "subcategories": subcategories,
            "places": places,
            "check": check,
            "actions": [
                (t.action.value, BUTTONS.get(t.action, t.action.value))
                for t in publication.allowed_actions(offer, actor_of(request))
            ],
            "journal": PublicationEvent.objects.for_offer(offer.pk).select_related("actor"),
        },
    )


@require_POST
@espace_view
def offer_decide(request: HttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    try:
        action = publication.Action(request.POST.get("action", ""))
    except ValueError:
        messages.error(request, "Action inconnue : choisissez un des boutons proposés.")
        return redirect("espace:offer_review", pk=offer.pk)
    try:
        publication.transition(offer, action, actor_of(request), request.POST.get("commentaire", ""))
    except publication.TransitionError as error:
        messages.error(request, str(error))
        return redirect("espace:offer_review", pk=offer.pk)
    messages.success(request, f"« {offer.title} » : {publication.ACTION_LABELS[action].lower()}.")
    return redirect("espace:queue")
