"""The printable orientation sheet: a professional picks offers and prints them for the patient.

The offers come from her selection (in the session, annuaire/www/selection.py), or from
the sharing form of the URL `/fiche-orientation/?offre=12&offre=34` (or `?offre=12,34`).
Unknown, unpublished or malformed ids are ignored with a French message; never a 500.
Each offer carries a QR code to its live page, so that the patient can check it later.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import segno
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from annuaire.directory.models import Offer
from annuaire.www import selection
from annuaire.www.jinja_render import selection_toggle
from annuaire.www.selection import MAX_OFFERS
from annuaire.www.views.presentation import PARCOURS_GLOBAL_TEXT, OfferFacts, offer_facts

_MAX_ID_DIGITS = 12


@dataclass
class RequestedIds:
    ids: list[int] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    truncated: bool = False


@dataclass
class SheetEntry:
    facts: OfferFacts
    remove_url: str  # sharing form: the same sheet without this offer ("" for the selection)
    live_url: str
    qr_code: SafeString


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


def sheet_url(ids: list[int]) -> str:
    base = reverse("www:orientation_sheet")
    return f"{base}?{urlencode({'offre': ','.join(map(str, ids))})}" if ids else base


def _without(ids: list[int], pk: int) -> str:
    """The shared sheet without one offer (an empty shared sheet, not the selection, when none is left)."""
    others = [other for other in ids if other != pk]
    return sheet_url(others) if others else f"{reverse('www:orientation_sheet')}?offre="


def qr_code(url: str) -> SafeString:
    """An inline SVG QR code of `url` (segno: pure Python, no image file; docs/adr/0008)."""
    return mark_safe(
        segno.make(url, error="m").svg_inline(scale=2, border=2, omitsize=True, title="Code QR vers la page de l'offre")
    )


@selection.fresh_when_selecting
def orientation_sheet(request: HttpRequest) -> HttpResponse:
    shared = "offre" in request.GET
    requested = (
        parse_offer_ids(request.GET.getlist("offre")) if shared else RequestedIds(selection.selected_ids(request))
    )
    found: dict[int, Offer] = {}
    if requested.ids:
        found = {
            offer.pk: offer for offer in Offer.objects.published().with_result_relations().filter(pk__in=requested.ids)
        }
    ids = [pk for pk in requested.ids if pk in found]
    entries = []
    for pk in ids:
        live_url = request.build_absolute_uri(found[pk].get_absolute_url())
        entries.append(
            SheetEntry(
                facts=offer_facts(found[pk]),
                remove_url=_without(ids, pk) if shared else "",
                live_url=live_url,
                qr_code=qr_code(live_url),
            )
        )

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
            "shared": shared,
            "share_url": request.build_absolute_uri(sheet_url(ids)) if ids else "",
            "search_url": selection.search_url(request),
            "messages_list": messages,
            "today": timezone.localdate(),
            "has_non_conventional": any(entry.facts.is_non_conventional for entry in entries),
            "has_parcours_global": any(found[pk].parcours_global for pk in ids),
            "parcours_global_text": PARCOURS_GLOBAL_TEXT,
            "max_offers": MAX_OFFERS,
        },
    )


def _posted_offer(request: HttpRequest) -> int | None:
    requested = parse_offer_ids(request.POST.getlist("offre")[:1])
    return requested.ids[0] if requested.ids else None


def _answer(request: HttpRequest, pk: int | None, full: bool = True) -> HttpResponseBase:
    """htmx: the new toggle and the selection bar; without JavaScript: back to the page."""
    back = selection.safe_return_url(request, request.POST.get("retour", ""))
    if request.headers.get("HX-Request") == "true" and pk is not None:
        bar = render_to_string("www/includes/selection_bar.html", {"oob_bar": True}, request)
        return HttpResponse(selection_toggle(request, pk, back, full=not full) + bar)
    if not back:
        return redirect("www:orientation_sheet")
    return redirect(f"{back}#offre-{pk}" if pk else back)


@require_POST
def add_to_selection(request: HttpRequest) -> HttpResponseBase:
    pk = _posted_offer(request)
    added = True
    if pk is not None and Offer.objects.published().filter(pk=pk).exists():
        added = selection.add(request, pk)
        selection.remember_search(request, selection.safe_return_url(request, request.POST.get("retour", "")))
    return _answer(request, pk, full=added)


@require_POST
def remove_from_selection(request: HttpRequest) -> HttpResponseBase:
    pk = _posted_offer(request)
    if pk is not None:
        selection.remove(request, pk)
    return _answer(request, pk)


@require_POST
def clear_selection(request: HttpRequest) -> HttpResponseBase:
    selection.clear(request)
    back = selection.safe_return_url(request, request.POST.get("retour", ""))
    return redirect(back or "www:orientation_sheet")
