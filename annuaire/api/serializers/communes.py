"""Communes for autocomplete."""

from __future__ import annotations

from rest_framework import serializers

from annuaire.geo.models import Commune


class CommuneSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code_insee = serializers.CharField(source="code")
    nom = serializers.CharField(source="name")
    departement = serializers.CharField(source="departement_id", help_text="Code du département.")
    codes_postaux = serializers.SerializerMethodField()
    lat = serializers.FloatField(allow_null=True)
    lng = serializers.FloatField(allow_null=True)
    libelle = serializers.CharField(
        source="label",
        help_text="« Rennes (35) » : le nom à afficher (le paramètre commune de /api/v1/offres prend code_insee).",
    )

    def get_codes_postaux(self, commune: Commune) -> list[str]:
        return sorted({postal.code for postal in commune.postal_codes.all()})


class CommuneListSerializer(serializers.Serializer):  # type: ignore[type-arg]
    results = CommuneSerializer(many=True)
