from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from annuaire.espace.views.access import actor_of, espace_view


@espace_view
def dashboard(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    return render(
        request,
        "espace/dashboard.html",
        {
            "waiting": actor.review_queue().count(),
            "structures": actor.structures().order_by("name")[:20],
            "structure_count": actor.structures().count(),
        },
    )
