"""Offer and structure pages, information pages (placeholder, being built)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from annuaire.directory.models import Offer, Structure


def offer_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.published(), pk=pk)
    return HttpResponse(offer.title)


def structure_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    structure = get_object_or_404(Structure.objects.published(), pk=pk)
    return HttpResponse(structure.name)


def about_sos(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Les soins de support")


def about_directory(request: HttpRequest) -> HttpResponse:
    return HttpResponse("À propos")
