"""Structures (établissements, associations, MSP...): public fields only.

Never exposed: the referent person (name, function, phone, e-mail), the oncology
active file, the publication workflow.
"""

from __future__ import annotations

from rest_framework import serializers

from annuaire.api.serializers.common import CommuneRefSerializer
from annuaire.directory.models import Structure


class StructureSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    uuid = serializers.UUIDField(help_text="Identifiant stable de la structure.")
    nom = serializers.CharField(source="name")
    type = serializers.CharField(source="kind", help_text="Code du type de structure.")
    type_libelle = serializers.CharField(source="get_kind_display", help_text="Type de structure en clair.")
    description = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="Adresse de la page publique de la structure.")
    adresse = serializers.CharField(source="address_line")
    complement_adresse = serializers.CharField(source="address_complement")
    code_postal = serializers.CharField(source="postal_code")
    commune = CommuneRefSerializer()
    departement = serializers.CharField(source="commune.departement_id", help_text="Code du département.")
    lat = serializers.FloatField(allow_null=True)
    lng = serializers.FloatField(allow_null=True)
    telephone = serializers.CharField(source="phone")
    email = serializers.CharField()
    site_internet = serializers.CharField(source="website")
    messagerie_securisee = serializers.CharField(
        source="secure_messaging", help_text="Adresse de messagerie sécurisée de santé (MSSanté)."
    )
    siret = serializers.CharField()
    finess = serializers.CharField(help_text="FINESS géographique (établissements de santé).")
    derniere_verification = serializers.DateField(source="last_verified_at", allow_null=True)
    offres = serializers.SerializerMethodField(help_text="Identifiants des offres publiées de la structure.")
    lieux = serializers.SerializerMethodField(
        help_text="Identifiants des lieux publics de la structure (où au moins une offre publiée est proposée)."
    )
    modifie_le = serializers.DateTimeField(source="updated_at")

    def get_url(self, structure: Structure) -> str:
        return str(self.context["request"].build_absolute_uri(structure.get_absolute_url()))

    def get_offres(self, structure: Structure) -> list[int]:
        return [offer.pk for offer in getattr(structure, "published_offers", [])]

    def get_lieux(self, structure: Structure) -> list[int]:
        return [place.pk for place in structure.places.all()]
