"""Entering and editing offers (issue 7, point 4). The form parses, the domain decides:
`check_offer` for the rules, the publication module for submitting and for changes to a
published offer (docs/publication.md)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from annuaire.directory import publication
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, PublicationEvent, Structure
from annuaire.espace.editing.offer_form import OfferForm
from annuaire.espace.editing.offer_saving import editable_now, not_editable_message, save_offer
from annuaire.espace.editing.opening_hours_form import BaseOpeningRows, opening_rows
from annuaire.espace.editing.reason import saving_with_reason
from annuaire.espace.views.access import actor_of, espace_view
from annuaire.espace.views.structure_edit import structure_for

SUBMIT = "soumettre"


@espace_view
def offer_create(request: HttpRequest, structure_pk: int) -> HttpResponse:
    structure = structure_for(request, structure_pk)
    return _edit(request, Offer(structure=structure), published=None)


@espace_view
def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    offers = actor_of(request).offers().select_related("structure__commune__departement", "revision_of")
    offer = get_object_or_404(offers, pk=pk)
    if not editable_now(offer):
        messages.error(request, not_editable_message(offer))
        return redirect("espace:structure", pk=offer.structure_id)
    if offer.status in publication.EDITABLE:
        return _edit(request, offer, published=None)
    # A published offer: the form works on a copy (its pending revision if there is one),
    # and the publication module sorts direct corrections from changes to review.
    draft = publication.open_revision(offer) or offer
    copy = Offer.objects.select_related("structure__commune__departement").get(pk=draft.pk)
    return _edit(request, copy, published=offer)


def _edit(request: HttpRequest, offer: Offer, published: Offer | None) -> HttpResponse:
    structure: Structure = offer.structure
    data = request.POST if request.method == "POST" else None
    rows, notice = opening_rows(data, offer.opening_hours)
    rows_valid = rows.is_valid() if data is not None else False
    form = OfferForm(data, instance=offer, opening_hours=rows.osm_text if rows_valid else offer.opening_hours)
    if data is not None and rows_valid and form.is_valid():
        try:
            with saving_with_reason(form, request.user):
                saved = save_offer(form, published, actor_of(request), submit=data.get("enregistrer") == SUBMIT)
        except publication.TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, saved.message)
            return redirect("espace:structure", pk=structure.pk)
    journal = [
        (event, PublicationStatus(event.to_status).label if event.to_status in PublicationStatus else event.to_status)
        for event in (PublicationEvent.objects.for_offer(offer.pk) if offer.pk else [])
    ]
    return render(
        request,
        "espace/saisie/offer_form.html",
        {
            "structure": structure,
            "offer": offer,
            "published": published,
            "form": form,
            "rows": rows,
            "rows_notice": notice,
            "rows_errors": _row_errors(rows) if data is not None else [],
            "journal": journal,
            "direct_fields": publication.DIRECT_FIELDS,
        },
    )


def _row_errors(rows: BaseOpeningRows) -> list[str]:
    """Every message of the opening-hours rows, for the summary at the top of the form."""
    messages_ = [str(error) for error in rows.non_form_errors()]
    for number, row in enumerate(rows.forms, start=1):
        messages_ += [f"ligne {number} : {error}" for errors in row.errors.values() for error in errors]
    return messages_
