"""Error shapes, for the OpenAPI document."""

from __future__ import annotations

from rest_framework import serializers


class InvalidParametersSerializer(serializers.Serializer):  # type: ignore[type-arg]
    erreurs = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Pour chaque paramètre invalide, la liste des messages d'erreur (en français).",
    )
    message = serializers.CharField(help_text="Résumé de l'erreur, en français.")


class MessageSerializer(serializers.Serializer):  # type: ignore[type-arg]
    message = serializers.CharField(help_text="Explication en français.")
