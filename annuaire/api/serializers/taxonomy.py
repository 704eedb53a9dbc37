"""The taxonomy of supportive care: categories and their sub-categories."""

from __future__ import annotations

from rest_framework import serializers


class ProfessionSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField()
    libelle = serializers.CharField(source="label")


class SubCategorySerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(help_text="Code du soin, à utiliser dans le paramètre sous_categorie.")
    libelle = serializers.CharField(source="label")
    nature = serializers.CharField(source="kind", help_text="Place dans le référentiel INCa (ex. socle, psnc).")
    nature_libelle = serializers.CharField(source="get_kind_display")
    description = serializers.CharField()
    professions = ProfessionSerializer(source="professions.all", many=True, help_text="Professions habilitées.")


class CategorySerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(help_text="Code du type de soin, à utiliser dans le paramètre categorie.")
    libelle = serializers.CharField(source="label")
    nature = serializers.CharField(source="kind")
    nature_libelle = serializers.CharField(source="get_kind_display")
    description = serializers.CharField()
    sous_categories = SubCategorySerializer(source="active_subcategories", many=True)


class TaxonomySerializer(serializers.Serializer):  # type: ignore[type-arg]
    categories = CategorySerializer(many=True)
