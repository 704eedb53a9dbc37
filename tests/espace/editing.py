"""Helpers for the structure-side tests: the POST data of the offer form, as a browser sends it."""

from typing import Any

from django.forms.models import model_to_dict

from annuaire.directory.models import Offer, Place
from annuaire.espace.editing.offer_form import OFFER_FIELDS
from tests.taxonomy.factories import subcategory


def rows_data(rows: list[tuple[str, str, str]], blank: int = 1) -> dict[str, Any]:
    """The opening-hours formset: (day, opens, closes) rows plus blank ones."""
    all_rows = [*rows, *[("", "", "")] * blank]
    data: dict[str, Any] = {
        "horaires-TOTAL_FORMS": str(len(all_rows)),
        "horaires-INITIAL_FORMS": "0",
        "horaires-MIN_NUM_FORMS": "0",
        "horaires-MAX_NUM_FORMS": "21",
    }
    for i, (day, opens, closes) in enumerate(all_rows):
        data.update({f"horaires-{i}-day": day, f"horaires-{i}-opens": opens, f"horaires-{i}-closes": closes})
    return data


def new_offer_data(place: Place, care: str = "consultation-psychologue", **overrides: Any) -> dict[str, Any]:
    sub = subcategory(care)
    data: dict[str, Any] = {
        "title": "Consultations de psychologue",
        "category": sub.category_id,
        "subcategories": [sub.pk],
        "description": "Des entretiens pour parler de ce que vous vivez.",
        "places": [place.pk],
        "audiences": ["patients"],
        "cost": "gratuit",
        "cost_amount": "",
        "appointment_delay_days": "15",
        "contact_phone": "02 98 00 00 00",
        **rows_data([("Mo", "09:00", "12:00"), ("We", "09:00", "12:00")]),
    }
    data.update(overrides)
    return data


def data_of(offer: Offer, **overrides: Any) -> dict[str, Any]:
    """The form as it comes filled for `offer`, with `overrides`."""
    data: dict[str, Any] = {}
    for name, value in model_to_dict(offer, fields=OFFER_FIELDS).items():
        if name in ("subcategories", "places"):
            data[name] = [item.pk for item in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else value
    data.update(rows_data([]))
    data.update(overrides)
    return data
