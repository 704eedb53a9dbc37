"""Rows of the back-office authorisation matrix (tests/espace/test_authorisation_matrix.py) for
the verification pages: name → (method, URL arguments from the waiting offer, form data,
expected by role). The waiting offer is in territorial review at a town structure of Quimper."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone

from annuaire.directory.models import Notice, NoticeKind, Offer
from annuaire.verification.links import token_for
from annuaire.verification.models import ErrorReport, ReinstatementRequest

Kwargs = Callable[[Offer], dict[str, Any]]


def _structure(offer: Offer) -> dict[str, Any]:
    return {"pk": offer.structure_id}


def _offer(offer: Offer) -> dict[str, Any]:
    return {"pk": offer.pk}


def _token(offer: Offer) -> dict[str, Any]:
    return {"token": token_for(offer.structure_id)}


def _notice(offer: Offer) -> dict[str, Any]:
    today = timezone.localdate()
    notice = Notice.objects.create(
        structure_id=offer.structure_id, kind=NoticeKind.HOLIDAYS, starts_on=today, ends_on=today + timedelta(days=7)
    )
    return {"pk": notice.pk}


def _reinstatement(offer: Offer) -> dict[str, Any]:
    request = ReinstatementRequest.objects.create(structure_id=offer.structure_id, requested_on=timezone.localdate())
    return {"pk": request.pk}


def _report(offer: Offer) -> dict[str, Any]:
    return {"pk": ErrorReport.objects.create(offer=offer, what="Le numéro ne répond plus.").pk}


def rows(
    everyone: Callable[..., dict[str, int | str]], territory: Callable[[int | str], dict[str, int | str]]
) -> dict[str, tuple[str, Kwargs | bool, dict[str, Any], dict[str, int | str]]]:
    region_only = everyone(404, region_53=200, region_52=200)
    return {
        "verification:dashboard": ("GET", False, {}, everyone(200)),
        "verification:link": ("GET", _token, {}, everyone(302)),
        "verification:structure": ("GET", _structure, {}, territory(200)),
        "verification:confirm_structure": ("POST", _structure, {}, territory(302)),
        # In review, not to confirm: back to the structure page with a message.
        "verification:confirm_offer": ("POST", _offer, {}, territory(302)),
        "verification:add_notice": ("POST", _structure, {}, territory(302)),
        "verification:remove_notice": ("POST", _notice, {}, territory(302)),
        "verification:reinstatements": ("GET", False, {}, region_only),
        # The Breton region decides (an empty choice: back to the list); another region: 404.
        "verification:decide": ("POST", _reinstatement, {}, everyone(404, region_53=302)),
        "verification:reports": ("GET", False, {}, everyone(200)),
        "verification:report_handled": ("POST", _report, {}, territory(302)),
    }
