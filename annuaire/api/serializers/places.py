"""Places (lieux) where offers are delivered."""

from __future__ import annotations

from rest_framework import serializers

from annuaire.api.serializers.common import CommuneRefSerializer, StructureRefSerializer
from annuaire.directory.models import Place


class PlaceSummarySerializer(serializers.Serializer):  # type: ignore[type-arg]
    """Un lieu, tel qu'il apparaît dans une offre."""

    id = serializers.IntegerField(help_text="Identifiant du lieu (voir /api/v1/lieux/{id}).")
    nom = serializers.CharField(source="name")
    adresse = serializers.CharField(source="address_line")
    complement_adresse = serializers.CharField(source="address_complement")
    code_postal = serializers.CharField(source="postal_code")
    commune = CommuneRefSerializer()
    departement = serializers.CharField(source="commune.departement_id", help_text="Code du département.")
    lat = serializers.FloatField(allow_null=True, help_text="Latitude WGS84.")
    lng = serializers.FloatField(allow_null=True, help_text="Longitude WGS84.")
    telephone = serializers.CharField(source="phone")


class PlaceSerializer(PlaceSummarySerializer):
    """Un lieu, avec sa structure et les offres publiées qui y sont proposées."""

    uuid = serializers.UUIDField(help_text="Identifiant stable du lieu.")
    structure = StructureRefSerializer()
    accessible_fauteuil = serializers.BooleanField(
        source="wheelchair_accessible", allow_null=True, help_text="Accessible en fauteuil roulant (null : inconnu)."
    )
    acces = serializers.CharField(source="access_notes", help_text="Accès et accessibilité (transports, étage...).")
    offres = serializers.SerializerMethodField(help_text="Identifiants des offres publiées proposées dans ce lieu.")
    modifie_le = serializers.DateTimeField(source="updated_at")

    def get_offres(self, place: Place) -> list[int]:
        return [offer.pk for offer in getattr(place, "published_offers", [])]
