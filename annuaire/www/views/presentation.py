"""Plain-French presentation of offers and places, shared by the offer page and the orientation sheet."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import TextChoices
from django.templatetags.static import static
from django.utils.html import format_html_join

from annuaire.directory.enums import Access, AgeGroup, Audience, CareSetting, Cost, GroupFormat, Modality, Phase
from annuaire.directory.models import Offer, Place

PARCOURS_GLOBAL_TEXT = (
    "Parcours de soins global après le traitement d'un cancer : sans frais, sur prescription de votre médecin, "
    "jusqu'à 12 mois après la fin des traitements actifs."
)


def labels(codes: list[str], vocabulary: type[TextChoices]) -> list[str]:
    """Labels of `codes` in the vocabulary's order; unknown codes are skipped."""
    chosen = set(codes or [])
    return [label for code, label in vocabulary.choices if code in chosen]


def delay_text(days: int | None) -> str:
    if days is None:
        return ""
    if days == 0:
        return "Rendez-vous habituellement dans la journée"
    return f"Rendez-vous habituellement sous {days} jour{'s' if days > 1 else ''}"


def cost_text(offer: Offer) -> str:
    """What the person pays, in plain words."""
    if offer.cost == Cost.FREE:
        return "Gratuit : vous n'avez rien à payer."
    if offer.cost == Cost.COVERED:
        return "Pris en charge par l'Assurance maladie ou votre mutuelle : en général, vous n'avez rien à payer."
    if offer.cost_amount is not None:
        amount = f"{offer.cost_amount:.2f}".replace(".", ",").removesuffix(",00")
        return f"Il reste {amount} € à payer par vous."
    return "Il reste une somme à payer par vous."


def contact_email(offer: Offer) -> str:
    return offer.contact_email or offer.structure.email


def tel_href(phone: str) -> str:
    """ "02 98 00 00 00" → "tel:0298000000": digits and "+" only."""
    return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")


@dataclass
class OfferFacts:
    """Everything a page says about an offer, computed from prefetched relations (no query)."""

    offer: Offer
    subcategories: list[Any]
    audiences: list[str]
    age_groups: list[str]
    phases: list[str]
    care_settings: list[str]
    modalities: list[str]
    formats: list[str]
    access: list[str]
    delay: str
    cost: str
    phone: str
    email: str
    is_free: bool
    is_non_conventional: bool
    places: list[Place]


def offer_facts(offer: Offer) -> OfferFacts:
    subcategories = list(offer.subcategories.all())
    places = list(offer.places.all())
    return OfferFacts(
        offer=offer,
        subcategories=subcategories,
        audiences=labels(offer.audiences, Audience),
        age_groups=labels(offer.age_groups, AgeGroup),
        phases=labels(offer.phases, Phase),
        care_settings=labels(offer.care_settings, CareSetting),
        modalities=labels(offer.modalities, Modality),
        formats=labels(offer.formats, GroupFormat),
        access=labels(offer.access, Access),
        delay=delay_text(offer.appointment_delay_days),
        cost=cost_text(offer),
        phone=offer.phone_for(places[0] if places else None),
        email=contact_email(offer),
        is_free=offer.is_free_for_patient,
        is_non_conventional=any(sub.is_non_conventional for sub in subcategories),
        places=places,
    )


def map_layers() -> dict[str, Any]:
    """The base layers of every map drawn by static/js/map.js: tiles (settings.MAP_TILE_URL, Plan IGN by
    default), and the outlines of the regions in view when tiles are off or cannot load;
    `data_attributes`: all of it, and the scripts map.js loads, as the map element's attributes.
    Worked out once per process for given settings (the static files' names do not change)."""
    return dict(_map_layers(settings.MAP_TILE_URL, settings.MAP_TILE_ATTRIBUTION, settings.STATIC_URL))


@functools.lru_cache(maxsize=8)
def _map_layers(tile_url: str, tile_attribution: str, static_url: str) -> dict[str, Any]:  # static_url: in the key
    layers = {
        "outlines": static("geo/regions/index.json").removesuffix("index.json"),
        "tile_url": tile_url,
        "tile_attribution": tile_attribution,
    }
    attributes = {
        "data-outlines": layers["outlines"],
        **(
            {"data-tile-url": layers["tile_url"], "data-tile-attribution": layers["tile_attribution"]}
            if layers["tile_url"]
            else {}
        ),
        "data-leaflet-js": static("vendor/leaflet/leaflet.js"),
        "data-leaflet-css": static("vendor/leaflet/leaflet.css"),
        "data-cluster-js": static("vendor/leaflet.markercluster/leaflet.markercluster.js"),
        "data-cluster-css": static("vendor/leaflet.markercluster/MarkerCluster.css"),
        "data-map-js": static("js/map.js"),
    }
    return {**layers, "data_attributes": format_html_join(" ", '{}="{}"', attributes.items())}


def places_map(places: list[Place]) -> dict[str, Any]:
    """A small map of `places` (no markers: no map); places without a position are left out."""
    markers = [
        {"lat": place.lat, "lng": place.lng, "title": place.name, "detail": place.full_address}
        for place in places
        if place.lat is not None and place.lng is not None
    ]
    return {**map_layers(), "markers": markers}
