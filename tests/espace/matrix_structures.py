"""Rows of the authorisation matrix for the structure side (offers, places, structure,
listing): name → (method, URL arguments from the waiting offer, form data, expected by role).

The waiting offer is in territorial review at a town structure of Quimper: its referent,
the DAC of Finistère and the Breton region see the structure; everyone else gets 404."""

from collections.abc import Callable
from typing import Any

from annuaire.directory.models import Offer

Fixture = Callable[[str], Any]  # pytest's request.getfixturevalue
Kwargs = Callable[[Fixture], dict[str, Any]]


def _waiting(fixture: Fixture) -> Offer:
    offer: Offer = fixture("waiting_offer")
    return offer


def _structure(fixture: Fixture) -> dict[str, Any]:
    return {"pk": _waiting(fixture).structure_id}


def _structure_pk(fixture: Fixture) -> dict[str, Any]:
    return {"structure_pk": _waiting(fixture).structure_id}


def _place(fixture: Fixture) -> dict[str, Any]:
    place = _waiting(fixture).places.first()
    assert place is not None
    return {"pk": place.pk}


def _offer(fixture: Fixture) -> dict[str, Any]:
    return {"pk": _waiting(fixture).pk}


def rows(
    everyone: Callable[..., dict[str, int | str]], territory: Callable[[int | str], dict[str, int | str]]
) -> dict[str, tuple[str, Kwargs | bool, dict[str, Any], dict[str, int | str]]]:
    return {
        "espace:structures": ("GET", False, {}, everyone(200)),
        "espace:structure": ("GET", _structure, {}, territory(200)),
        "espace:structure_edit": ("GET", _structure, {}, territory(200)),
        "espace:structure_status": ("POST", _structure, {"action": "rien"}, territory(302)),
        "espace:place_create": ("GET", _structure_pk, {}, territory(200)),
        "espace:place_edit": ("GET", _place, {}, territory(200)),
        "espace:offer_create": ("GET", _structure_pk, {}, territory(200)),
        # In review: not editable, sent back to the structure page with a message.
        "espace:offer_edit": ("GET", _offer, {}, territory(302)),
        "espace:offer_status": ("POST", _offer, {"action": "rien"}, territory(302)),
        # Regional administrators only (each sees their own region's changes).
        "espace:audit": ("GET", False, {}, everyone(403, region_53=200, region_52=200)),
    }
