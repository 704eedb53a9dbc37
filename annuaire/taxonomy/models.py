"""The taxonomy of supportive care (SOS): data, editable by regional administrators.

Two levels, each with a stable `code` used in URLs, the API and exports: a category
(e.g. `douleur`) and its sub-categories (e.g. `hypnoanalgesie`).
"""

from __future__ import annotations

from django.db import models


class CareKind(models.TextChoices):
    """Where a kind of care stands in the INCa référentiel (docs/domain.md, "Le périmètre")."""

    SOCLE = "socle", "Panier INCa – soin de support socle"
    COMPLEMENTAIRE = "complementaire", "Panier INCa – soin de support complémentaire"
    TECHNIQUE_ANALGESIE = "technique-analgesie", "Technique particulière d'analgésie"
    AUTRE_INCA = "autre-inca", "Autre soin de support reconnu par l'INCa"
    PSNC = "psnc", "Pratique de soin non conventionnelle"
    CHOIX_REGIONAL = "choix-regional", "Choix régional"


class Profession(models.Model):
    code = models.SlugField("code", max_length=80, unique=True)
    label = models.CharField("libellé", max_length=150)
    recruitment_profile = models.TextField(
        "profil de recrutement", blank=True, help_text="Diplômes et expérience attendus, pour l'instruction."
    )

    class Meta:
        verbose_name = "profession"
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class CategoryQuerySet(models.QuerySet["Category"]):
    def active(self) -> CategoryQuerySet:
        return self.filter(is_active=True)


class Category(models.Model):
    code = models.SlugField("code", max_length=60, unique=True)
    label = models.CharField("libellé", max_length=150)
    description = models.TextField("description pour le public", blank=True)
    kind = models.CharField("nature", max_length=30, choices=CareKind.choices)
    order = models.PositiveSmallIntegerField("ordre d'affichage", default=0)
    is_active = models.BooleanField("active", default=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = "catégorie de soins"
        verbose_name_plural = "catégories de soins"
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class SubCategoryQuerySet(models.QuerySet["SubCategory"]):
    def active(self) -> SubCategoryQuerySet:
        return self.filter(is_active=True, category__is_active=True)


class SubCategory(models.Model):
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="subcategories")
    code = models.SlugField("code", max_length=80, unique=True)
    label = models.CharField("libellé", max_length=150)
    description = models.TextField("description pour le public", blank=True)
    kind = models.CharField("nature", max_length=30, choices=CareKind.choices)
    professions = models.ManyToManyField(
        Profession, blank=True, related_name="subcategories", verbose_name="professions habilitées"
    )
    funded_by_parcours_global = models.BooleanField(
        "financé par le parcours de soins global",
        default=False,
        help_text="Bilans et consultations que finance le parcours de soins global après cancer "
        "(activité physique adaptée, diététique, psychologie).",
    )
    order = models.PositiveSmallIntegerField("ordre d'affichage", default=0)
    is_active = models.BooleanField("active", default=True)

    objects = SubCategoryQuerySet.as_manager()

    class Meta:
        verbose_name = "sous-catégorie de soins"
        verbose_name_plural = "sous-catégories de soins"
        ordering = ["category__order", "order", "label"]

    def __str__(self) -> str:
        return self.label

    @property
    def is_non_conventional(self) -> bool:
        """A PSNC: listed only under the conditions of docs/domain.md, "Les pratiques non conventionnelles"."""
        return self.kind == CareKind.PSNC
