"""Offers (offres) as published: what, where, for whom, at what cost."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from annuaire.api.offer_rows import OfferRow, PlaceRow
from annuaire.api.serializers.common import CodeListField, CommuneRefSerializer, StructureRefSerializer
from annuaire.api.serializers.places import PlaceSummarySerializer
from annuaire.directory.models import Offer, Place, offer_phone, offer_url


class CostSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(source="cost", help_text="gratuit, pris-en-charge ou reste-a-charge.")
    libelle = serializers.CharField(source="cost_label", help_text="Le coût en clair.")
    montant = serializers.DecimalField(
        source="cost_amount",
        max_digits=7,
        decimal_places=2,
        coerce_to_string=False,
        allow_null=True,
        help_text="Montant restant à payer par la personne, en euros (seulement pour reste-a-charge).",
    )
    precisions = serializers.CharField(source="cost_details", help_text="Précisions sur le coût.")


class OfferSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """Une offre publiée. `commune`, `departement`, `lat` et `lng` sont ceux de son lieu le plus
    proche de la commune cherchée (son premier lieu si aucune commune n'est indiquée)."""

    # The schema of an offer (OpenAPI). The search and detail views answer with
    # `offer_representation` below, the same JSON built without DRF's per-field machinery
    # (docs/adr/0033); tests/api/test_offer_representation.py holds them equal.

    id = serializers.IntegerField()
    uuid = serializers.UUIDField(help_text="Identifiant stable de l'offre.")
    nom = serializers.CharField(source="title", help_text="Intitulé de l'offre.")
    url = serializers.SerializerMethodField(help_text="Adresse de la page publique de l'offre.")
    categorie = serializers.CharField(source="category.code", help_text="Code du type de soin.")
    sous_categories = serializers.SerializerMethodField(help_text="Codes des soins proposés.")
    structure = StructureRefSerializer()
    commune = serializers.SerializerMethodField(help_text="Commune du lieu le plus proche.")
    departement = serializers.SerializerMethodField(help_text="Code du département du lieu le plus proche.")
    lat = serializers.SerializerMethodField(help_text="Latitude du lieu le plus proche.")
    lng = serializers.SerializerMethodField(help_text="Longitude du lieu le plus proche.")
    distance_km = serializers.SerializerMethodField(
        help_text="Distance à vol d'oiseau jusqu'au lieu le plus proche, arrondie à 0,1 km ; "
        "null si aucune commune n'est indiquée."
    )
    description = serializers.CharField()
    publics = CodeListField(source="audiences", help_text="Pour qui : patients, proches, professionnels.")
    ages = CodeListField(source="age_groups", help_text="Âges : aja, adultes, personnes-agees.")
    lieux_de_prise_en_charge = CodeListField(source="care_settings", help_text="domicile, etablissement, ville, had.")
    phases = CodeListField(help_text="diagnostic, traitement, apres-traitement, fin-de-vie.")
    acces = CodeListField(source="access", help_text="suivis-etablissement, non-suivis, had.")
    formats = CodeListField(help_text="individuel, collectif.")
    modalites = CodeListField(source="modalities", help_text="sur-place, a-distance, a-domicile.")
    parcours_global = serializers.BooleanField(
        help_text="Offre du parcours de soins global après le traitement d'un cancer."
    )
    reste_a_charge = CostSerializer(source="*")
    comment_y_acceder = serializers.CharField(source="how_to_access")
    delai_rendez_vous_jours = serializers.IntegerField(source="appointment_delay_days", allow_null=True)
    horaires = serializers.CharField(source="schedule")
    telephone = serializers.SerializerMethodField(
        help_text="Le numéro à appeler : celui de l'offre, sinon celui du lieu le plus proche, sinon celui de la "
        "structure (le même que sur la page de l'offre)."
    )
    email = serializers.CharField(source="contact_email")
    lieux = PlaceSummarySerializer(source="places.all", many=True)
    derniere_verification = serializers.DateField(source="last_verified_at", allow_null=True)
    modifie_le = serializers.DateTimeField(source="updated_at")

    def _nearest(self, offer: Offer) -> Place | None:
        nearest: dict[int, Place | None] = self.context["nearest"]
        return nearest.get(offer.pk)

    def get_url(self, offer: Offer) -> str:
        request = self.context["request"]
        return str(request.build_absolute_uri(offer.get_absolute_url()))

    @extend_schema_field(CodeListField())
    def get_sous_categories(self, offer: Offer) -> list[str]:
        return [sub.code for sub in offer.subcategories.all()]

    @extend_schema_field(CommuneRefSerializer(allow_null=True))
    def get_commune(self, offer: Offer) -> dict[str, Any] | None:
        place = self._nearest(offer)
        return dict(CommuneRefSerializer(place.commune).data) if place else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_departement(self, offer: Offer) -> str | None:
        place = self._nearest(offer)
        return place.commune.departement_id if place else None

    @extend_schema_field(serializers.CharField())
    def get_telephone(self, offer: Offer) -> str:
        return offer.phone_for(self._nearest(offer))

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_lat(self, offer: Offer) -> float | None:
        place = self._nearest(offer)
        return place.lat if place else None

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_lng(self, offer: Offer) -> float | None:
        place = self._nearest(offer)
        return place.lng if place else None

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_distance_km(self, offer: Offer) -> float | None:
        distance = getattr(offer, "distance_km", None)
        return None if distance is None else round(float(distance), 1)


CENT = Decimal("0.01")


def _datetime(value: datetime | None) -> str | None:
    """As DRF's DateTimeField writes it: in the current time zone, ISO 8601, "Z" for UTC."""
    if value is None:
        return None
    text = timezone.localtime(value, timezone.get_current_timezone()).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _place(place: PlaceRow) -> dict[str, Any]:
    return {
        "id": place.pk,
        "nom": place.name,
        "adresse": place.address_line,
        "complement_adresse": place.address_complement,
        "code_postal": place.postal_code,
        "commune": {"code_insee": place.commune_code, "nom": place.commune_name},
        "departement": place.departement_code,
        "lat": None if place.lat is None else float(place.lat),
        "lng": None if place.lng is None else float(place.lng),
        "telephone": place.phone,
    }


def offer_representation(offer: OfferRow, nearest: PlaceRow | None, request: Any) -> dict[str, Any]:
    """`OfferSerializer(offer).data` as plain dicts, from the offer's row (`OfferRow.of(offer)`
    or `offer_rows(...)`): the hot path of the search (DRF's per-field machinery was about
    40 % of the API search). Same keys, same order, same values."""
    distance = offer.distance_km
    return {
        "id": offer.pk,
        "uuid": offer.uuid,
        "nom": offer.title,
        "url": request.build_absolute_uri(offer_url(offer.pk, offer.title)),
        "categorie": offer.category_code,
        "sous_categories": list(offer.subcategory_codes),
        "structure": {"id": offer.structure_pk, "nom": offer.structure_name, "type": offer.structure_kind},
        "commune": {"code_insee": nearest.commune_code, "nom": nearest.commune_name} if nearest is not None else None,
        "departement": nearest.departement_code if nearest is not None else None,
        "lat": nearest.lat if nearest is not None else None,
        "lng": nearest.lng if nearest is not None else None,
        "distance_km": None if distance is None else round(float(distance), 1),
        "description": offer.description,
        "publics": list(offer.audiences),
        "ages": list(offer.age_groups),
        "lieux_de_prise_en_charge": list(offer.care_settings),
        "phases": list(offer.phases),
        "acces": list(offer.access),
        "formats": list(offer.formats),
        "modalites": list(offer.modalities),
        "parcours_global": bool(offer.parcours_global),
        "reste_a_charge": {
            "code": offer.cost,
            "libelle": offer.cost_label,
            "montant": None if offer.cost_amount is None else Decimal(offer.cost_amount).quantize(CENT),
            "precisions": offer.cost_details,
        },
        "comment_y_acceder": offer.how_to_access,
        "delai_rendez_vous_jours": offer.appointment_delay_days,
        "horaires": offer.schedule,
        "telephone": offer_phone(offer.contact_phone, nearest.phone if nearest else "", offer.structure_phone),
        "email": offer.contact_email,
        "lieux": [_place(place) for place in offer.places],
        "derniere_verification": _date(offer.last_verified_at),
        "modifie_le": _datetime(offer.updated_at),
    }
