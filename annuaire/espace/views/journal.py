from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from annuaire.directory.models import PublicationEvent
from annuaire.espace.views.access import actor_of, espace_view


@espace_view
def journal(request: HttpRequest) -> HttpResponse:
    """The latest transitions of the structures I may see."""
    events = (
        PublicationEvent.objects.filter(actor_of(request).structure_q("structure__"))
        .select_related("structure", "offer")
        .order_by("-at", "-pk")[:200]
    )
    return render(request, "espace/journal.html", {"events": events})
