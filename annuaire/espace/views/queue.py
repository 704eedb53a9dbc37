"""The review queue: what waits for me, since when, oldest first, only my territory."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from annuaire.directory import publication
from annuaire.directory.enums import PublicationStatus
from annuaire.espace.views.access import actor_of, espace_view

_APPROVAL = {
    PublicationStatus.TERRITORIAL_REVIEW: publication.Action.APPROVE_TERRITORIAL,
    PublicationStatus.REGIONAL_REVIEW: publication.Action.APPROVE_REGIONAL,
}


@espace_view
def review_queue(request: HttpRequest) -> HttpResponse:
    offers = list(
        actor_of(request).review_queue().select_related("structure__commune", "category", "revision_of")[:500]
    )
    now = timezone.now()
    rows = [(offer, (now - offer.status_changed_at).days if offer.status_changed_at else None) for offer in offers]
    return render(request, "espace/queue.html", {"rows": rows})


@require_POST
@espace_view
def bulk_approve(request: HttpRequest) -> HttpResponse:
    """Approve the selected offers of my queue at my level (e.g. those of an import)."""
    actor = actor_of(request)
    ids = [int(v) for v in request.POST.getlist("offres") if v.isdigit()]
    offers = list(actor.review_queue().filter(pk__in=ids).select_related("structure__commune__departement"))
    if not offers:
        messages.error(request, "Cochez au moins une offre de votre file à valider.")
        return redirect("espace:queue")
    done = 0
    for status, action in _APPROVAL.items():
        outcome = publication.bulk_transition([o for o in offers if o.status == status], action, actor)
        done += len(outcome.done)
        for offer, message in outcome.refused:
            messages.error(request, f"« {offer} » : {message}")
    if done:
        messages.success(request, f"{done} offre(s) validée(s).")
    return redirect("espace:queue")
