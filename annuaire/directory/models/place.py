"""A place where offers are delivered: a site of a structure."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models

from annuaire.core.spreadsheet import FORMULA_REFUSED, looks_like_formula
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models.contact import AddressMixin


class PlaceQuerySet(models.QuerySet["Place"]):
    def delivering_published_offers(self) -> PlaceQuerySet:
        """Places where at least one published offer is delivered, whatever the status of
        the place's own structure (the FHIR `Location` rule)."""
        from annuaire.directory.models.offer import Offer

        return self.filter(models.Exists(Offer.objects.published().filter(places=models.OuterRef("pk"))))

    def public(self) -> PlaceQuerySet:
        """Published places: of a published structure, delivering at least one published offer."""
        return self.filter(structure__status=PublicationStatus.PUBLISHED).delivering_published_offers()


class Place(AddressMixin, models.Model):
    uuid = models.UUIDField("identifiant stable", default=uuid.uuid4, unique=True, editable=False)
    structure = models.ForeignKey(
        "directory.Structure", on_delete=models.CASCADE, related_name="places", verbose_name="structure"
    )
    name = models.CharField("nom du lieu", max_length=255, help_text="Ex. « Site de Pontchaillou, bâtiment B ».")
    phone = models.CharField("téléphone du lieu", max_length=30, blank=True)
    wheelchair_accessible = models.BooleanField("accessible en fauteuil roulant", null=True, blank=True)
    access_notes = models.TextField("accès et accessibilité", blank=True, help_text="Transports, parking, étage...")
    updated_at = models.DateTimeField("modifié le", auto_now=True, db_index=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = "lieu"
        ordering = ["name"]
        indexes = [models.Index(fields=["lat", "lng"])]

    def __str__(self) -> str:
        return f"{self.name} – {self.commune.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.fill_coordinates_from_commune()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> None:
        if looks_like_formula(self.name):
            raise ValidationError({"name": FORMULA_REFUSED})
