"""A structure's own pages: its offers with their status and the reviewers' comments, its
places, its details (edited directly, docs/adr/0025), and the actions on its listing."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from annuaire.directory import publication
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, Place, PublicationEvent, Structure
from annuaire.espace.editing.reason import saving_with_reason
from annuaire.espace.editing.structure_form import PUBLIC_FIELDS, StructureForm
from annuaire.espace.views.access import actor_of, espace_view
from annuaire.espace.views.listing import action_buttons


def structure_for(request: HttpRequest, pk: int) -> Structure:
    """A structure the signed-in person may see (else 404), ready for territory checks."""
    structures = actor_of(request).structures().select_related("commune__departement")
    return get_object_or_404(structures, pk=pk)


@espace_view
def structure_list(request: HttpRequest) -> HttpResponse:
    structures = actor_of(request).structures().select_related("commune").order_by("name")
    return render(request, "espace/saisie/structures.html", {"structures": structures[:300]})


@espace_view
def structure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    structure = structure_for(request, pk)
    actor = actor_of(request)
    offers = list(
        Offer.objects.filter(structure=structure)
        .select_related("category")
        .prefetch_related(Prefetch("revisions", queryset=Offer.objects.order_by("pk")))
        .originals()
        .order_by("title", "pk")
    )
    comments = sent_back_comments(structure)
    for offer in offers:
        offer.pending = list(offer.revisions.all())  # type: ignore[attr-defined]
        for row in [offer, *offer.pending]:  # type: ignore[attr-defined]
            row.structure = structure
            row.sent_back = comments.get(row.pk)  # type: ignore[attr-defined]
            row.editable = row.status in publication.EDITABLE  # type: ignore[attr-defined]
            row.buttons = [  # type: ignore[attr-defined]
                b for b in action_buttons(row, actor) if not (row.revision_of_id and b[0] == publication.Action.END)
            ]
            row.needs_reason = any(reason for _action, _label, reason in row.buttons)  # type: ignore[attr-defined]
    return render(
        request,
        "espace/saisie/structure.html",
        {
            "structure": structure,
            "offers": offers,
            "places": Place.objects.filter(structure=structure).select_related("commune"),
            "actions": action_buttons(structure, actor),
            "journal": [
                (event, publication.ACTION_LABELS.get(event.action, event.action))  # type: ignore[call-overload]
                for event in PublicationEvent.objects.for_structure(structure.pk)
            ],
            "public_fields": [(Structure._meta.get_field(name), getattr(structure, name)) for name in PUBLIC_FIELDS],
        },
    )


def sent_back_comments(structure: Structure) -> dict[int, PublicationEvent]:
    """For each offer (or working copy) now sent back, the reviewers' latest comment."""
    events = PublicationEvent.objects.filter(
        structure=structure,
        action=publication.Action.SEND_BACK,
        offer__status=PublicationStatus.RETURNED,
    ).order_by("at", "pk")
    return {event.offer_id: event for event in events if event.offer_id is not None}


@espace_view
def structure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    structure = structure_for(request, pk)
    form = StructureForm(request.POST or None, instance=structure)
    if request.method == "POST" and form.is_valid():
        with saving_with_reason(form, request.user):
            form.save()
        messages.success(request, "Les informations de la structure sont enregistrées.")
        return redirect("espace:structure", pk=structure.pk)
    return render(request, "espace/saisie/structure_form.html", {"structure": structure, "form": form})
