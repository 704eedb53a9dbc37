"""What saving the offer form does, by the offer's status (docs/publication.md):

- a draft, or an offer sent back for correction (or the working copy of a revision): saved
  as it is, then submitted if asked;
- a published offer: `publication.propose_changes` applies the small corrections at once
  and puts the rest on a working copy that goes through review, while the published
  version stays visible;
- an offer in review, suspended or ended: not edited (take it back into draft first).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from annuaire.directory import publication
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer
from annuaire.espace.editing.offer_form import OfferForm


@dataclass(frozen=True)
class Saved:
    offer: Offer  # what was saved: the offer itself, or the working copy of its revision
    message: str


def editable_now(offer: Offer) -> bool:
    return offer.status in publication.EDITABLE or (
        offer.status == PublicationStatus.PUBLISHED and offer.revision_of_id is None
    )


def not_editable_message(offer: Offer) -> str:
    if offer.status in publication.IN_REVIEW:
        return "Cette offre est en cours de validation : reprenez-la en brouillon pour la modifier."
    return f"Cette offre ne se modifie pas dans son état actuel ({offer.get_status_display().lower()})."


@transaction.atomic
def save_offer(form: OfferForm, published: Offer | None, actor: publication.Actor, submit: bool) -> Saved:
    """Save a valid form, all or nothing. `published` is the published offer when the form
    edits a copy of it; raises `publication.TransitionError` (French) when the workflow refuses."""
    if published is not None:
        revision = publication.propose_changes(
            published,
            form.values(),
            actor,
            subcategories=form.cleaned_data["subcategories"],
            places=form.cleaned_data["places"],
        )
        if revision is None:
            return Saved(published, "Vos corrections sont publiées.")
        if submit:
            publication.transition(revision, publication.Action.SUBMIT, actor)
            return Saved(
                revision,
                "Vos modifications sont envoyées en validation ; la version publiée reste visible en attendant.",
            )
        return Saved(
            revision,
            "Vos modifications sont enregistrées en brouillon ; la version publiée reste visible. "
            "Soumettez-les quand elles sont prêtes.",
        )
    offer = form.save(commit=False)
    offer.opening_hours = form.opening_hours
    offer.save()
    form.save_m2m()
    if submit:
        publication.transition(offer, publication.Action.SUBMIT, actor)
        return Saved(offer, "L'offre est enregistrée et envoyée en validation territoriale.")
    return Saved(offer, "L'offre est enregistrée en brouillon.")
