"""Small nested shapes reused by several resources."""

from __future__ import annotations

from rest_framework import serializers


class CommuneRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code_insee = serializers.CharField(source="code", help_text="Code INSEE de la commune.")
    nom = serializers.CharField(source="name", help_text="Nom de la commune.")


class StructureRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField(help_text="Identifiant de la structure (voir /api/v1/structures/{id}).")
    nom = serializers.CharField(source="name", help_text="Nom de la structure.")
    type = serializers.CharField(source="kind", help_text="Code du type de structure (ex. « association »).")


class CodeListField(serializers.ListField):  # type: ignore[type-arg]
    """A list of vocabulary codes (see docs/api.md for the vocabularies)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(child=serializers.CharField(), **kwargs)  # type: ignore[arg-type]
