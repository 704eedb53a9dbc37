"""Placeholder public views (the search UI is being built)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from annuaire.directory.models import Offer, Structure


def search(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Annuaire SOS")


def offer_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.published(), pk=pk)
    return HttpResponse(offer.title)


def structure_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    structure = get_object_or_404(Structure.objects.published(), pk=pk)
    return HttpResponse(structure.name)
