"""A structure offering supportive care: establishment, association, MSP, CPTS..."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from annuaire.core.identifiers import compact, validate_finess, validate_siren, validate_siret
from annuaire.core.spreadsheet import FORMULA_REFUSED, looks_like_formula
from annuaire.directory.enums import PublicationStatus, StructureKind
from annuaire.directory.models.contact import AddressMixin, PublicContactMixin

# Kinds where a non-conventional practice (PSNC) may be listed without more proof
# (docs/domain.md, "Les pratiques non conventionnelles", rule 2).
_PSNC_FRAMEWORK_KINDS = {
    StructureKind.LIGUE,
    StructureKind.MSP,
    StructureKind.POLE_SANTE,
    StructureKind.CPTS,
    StructureKind.AAP_PARCOURS,
}


class StructureQuerySet(models.QuerySet["Structure"]):
    def published(self) -> StructureQuerySet:
        return self.filter(status=PublicationStatus.PUBLISHED)


class Structure(AddressMixin, PublicContactMixin, models.Model):
    uuid = models.UUIDField("identifiant stable", default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("nom", max_length=255)
    kind = models.CharField("type de structure", max_length=30, choices=StructureKind.choices)
    description = models.TextField("présentation", blank=True)

    siren = models.CharField("SIREN", max_length=9, blank=True, validators=[validate_siren])
    siret = models.CharField("SIRET", max_length=14, blank=True, db_index=True, validators=[validate_siret])
    finess = models.CharField(
        "FINESS géographique",
        max_length=9,
        blank=True,
        db_index=True,
        validators=[validate_finess],
        help_text="Numéro FINESS de l'établissement (entité géographique), pour les établissements de santé.",
    )
    finess_legal = models.CharField("FINESS juridique", max_length=9, blank=True, validators=[validate_finess])
    is_recognised_association = models.BooleanField(
        "association reconnue",
        default=False,
        help_text="Association reconnue par le réseau (ex. Ligue contre le cancer) : peut proposer des "
        "pratiques non conventionnelles.",
    )

    # Referent person (integration criterion 2): not public, used by coordinators.
    referent_last_name = models.CharField("nom du référent", max_length=100, blank=True)
    referent_first_name = models.CharField("prénom du référent", max_length=100, blank=True)
    referent_function = models.CharField("fonction du référent", max_length=150, blank=True)
    referent_phone = models.CharField("téléphone du référent", max_length=30, blank=True)
    referent_email = models.EmailField("e-mail du référent", blank=True)

    oncology_active_file = models.PositiveIntegerField(
        "file active en oncologie",
        null=True,
        blank=True,
        help_text="Nombre de personnes atteintes de cancer accompagnées par an.",
    )

    status = models.CharField(
        "statut de publication", max_length=30, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    status_changed_at = models.DateTimeField("statut modifié le", null=True, blank=True, editable=False)
    published_at = models.DateTimeField("publiée le", null=True, blank=True)
    last_verified_at = models.DateField("dernière vérification des données", null=True, blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True, db_index=True)

    objects = StructureQuerySet.as_manager()

    class Meta:
        verbose_name = "structure"
        ordering = ["name"]
        # The public search checks each offer's structure is published: answered by the index alone.
        indexes = [models.Index(fields=["status", "id"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.siren, self.siret = compact(self.siren), compact(self.siret)
        self.finess, self.finess_legal = compact(self.finess), compact(self.finess_legal)
        if self.siret and not self.siren:
            self.siren = self.siret[:9]
        self.fill_coordinates_from_commune()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("www:structure", kwargs={"pk": self.pk, "slug": slugify(self.name) or "structure"})

    def clean(self) -> None:
        if looks_like_formula(self.name):
            raise ValidationError({"name": FORMULA_REFUSED})

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    @property
    def is_health_establishment(self) -> bool:
        return self.kind in StructureKind.health_establishments()

    def may_offer_non_conventional_practice(self, practitioner_qualification: str) -> bool:
        """The PSNC rule (docs/domain.md, "Les pratiques non conventionnelles"): a recognised framework,
        or a qualified practitioner."""
        if self.kind in _PSNC_FRAMEWORK_KINDS:
            return True
        if self.kind == StructureKind.ASSOCIATION:
            return self.is_recognised_association
        return self.is_health_establishment and bool(practitioner_qualification.strip())
