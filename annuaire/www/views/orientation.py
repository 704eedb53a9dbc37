"""The printable orientation sheet: a professional picks offers and prints one page for the patient.

`/fiche-orientation/?offre=12&offre=34` (or `?offre=12,34`). Unknown, unpublished or
malformed ids are ignored with a French message; never a 500.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from annuaire.directory.models import Offer
from annuaire.www.views.presentation import PARCOURS_GLOBAL_TEXT, OfferFacts, offer_facts

MAX_OFFERS = 20
_MAX_ID_DIGITS = 12


@dataclass
class RequestedIds:
    ids: list[int] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    truncated: bool = False


@dataclass
class SheetEntry:
    facts: OfferFacts
    remove_url: str


def parse_offer_ids(values: list[str]) -> RequestedIds:
    """Distinct offer ids in the order given, at most MAX_OFFERS; bad values are set aside."""
    requested = RequestedIds()
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isascii() or not part.isdigit() or len(part) > _MAX_ID_DIGITS or int(part) == 0:
                requested.invalid.append(part[:30])
                continue
            pk = int(part)
            if pk in requested.ids:
                continue
            if len(requested.ids) >= MAX_OFFERS:
                requested.truncated = True
                continue
            requested.ids.append(pk)
    return requested


def _sheet_url(ids: list[int]) -> str:
    base = reverse("www:orientation_sheet")
    return f"{base}?{urlencode([('offre', pk) for pk in ids])}" if ids else base


def orientation_sheet(request: HttpRequest) -> HttpResponse:
    requested = parse_offer_ids(request.GET.getlist("offre"))
    found: dict[int, Offer] = {}
    if requested.ids:
        found = {
            offer.pk: offer for offer in Offer.objects.published().with_result_relations().filter(pk__in=requested.ids)
        }
    ids = [pk for pk in requested.ids if pk in found]
    entries = [
        SheetEntry(facts=offer_facts(found[pk]), remove_url=_sheet_url([other for other in ids if other != pk]))
        for pk in ids
    ]

    messages: list[str] = []
    missing = len(requested.ids) - len(ids)
    if missing == 1:
        messages.append("Une offre demandée n'est plus disponible : elle a été retirée de la fiche.")
    elif missing > 1:
        messages.append(f"{missing} offres demandées ne sont plus disponibles : elles ont été retirées de la fiche.")
    if requested.invalid:
        shown = ", ".join(f"«\u00a0{value}\u00a0»" for value in requested.invalid[:3])
        messages.append(
            f"Numéro d'offre non reconnu\u00a0: {shown}. Choisissez les offres depuis la recherche."
            if len(requested.invalid) == 1
            else f"Numéros d'offre non reconnus\u00a0: {shown}. Choisissez les offres depuis la recherche."
        )
    if requested.truncated:
        messages.append(
            f"Une fiche contient au plus {MAX_OFFERS} offres : seules les {MAX_OFFERS} premières sont gardées."
        )

    return render(
        request,
        "www/orientation_sheet.html",
        {
            "entries": entries,
            "messages_list": messages,
            "today": timezone.localdate(),
            "has_non_conventional": any(entry.facts.is_non_conventional for entry in entries),
            "has_parcours_global": any(found[pk].parcours_global for pk in ids),
            "parcours_global_text": PARCOURS_GLOBAL_TEXT,
            "max_offers": MAX_OFFERS,
        },
    )
