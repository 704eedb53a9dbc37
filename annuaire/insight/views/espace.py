"""The network's screens in the back office, under /espace/reseau/: each person sees the
territory of their roles (regional administrator: the region; 3C/DAC coordinator: their
départements and communes); a structure referent has no such screen (403)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from annuaire.espace.views.access import actor_of, espace_view
from annuaire.insight.access import territory_for
from annuaire.insight.territory import Territory
from annuaire.insight.views import downloads, network


def _urls() -> dict[str, str]:
    """Each screen and the address of its downloads without the extension (the templates add it)."""
    urls = {}
    for name in ("coverage", "searches", "figures"):
        urls[name] = reverse(f"reseau:{name}")
        urls[f"{name}_download"] = reverse(f"reseau:{name}_csv").removesuffix(".csv")
    return urls


def network_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An /espace/ view for the network: the view gets the person's territory."""

    @espace_view
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        territory = territory_for(actor_of(request))
        if territory is None:
            raise PermissionDenied("Ces écrans sont réservés à l'équipe du réseau et aux coordinateurs territoriaux.")
        return view(request, territory, *args, **kwargs)

    return wrapped


@network_view
def coverage(request: HttpRequest, territory: Territory) -> HttpResponse:
    return network.coverage_screen(request, territory, _urls())


@network_view
def coverage_download(request: HttpRequest, territory: Territory, fmt: str) -> HttpResponse:
    return downloads.coverage_download(request, territory, fmt)


@network_view
def searches(request: HttpRequest, territory: Territory) -> HttpResponse:
    return network.searches_screen(request, territory, _urls())


@network_view
def searches_download(request: HttpRequest, territory: Territory, fmt: str) -> HttpResponse:
    return downloads.searches_download(request, territory, fmt)


@network_view
def figures(request: HttpRequest, territory: Territory) -> HttpResponse:
    return network.figures_screen(request, territory, _urls())


@network_view
def figures_download(request: HttpRequest, territory: Territory, fmt: str) -> HttpResponse:
    return downloads.figures_download(request, territory, fmt)
