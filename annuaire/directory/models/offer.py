"""An offer of supportive care ("offre"): what a structure proposes, where, to whom, at what cost."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify

from annuaire.core.fields import ChoiceSetField
from annuaire.core.remembered_urls import reverse_remembered
from annuaire.core.spreadsheet import FORMULA_REFUSED, looks_like_formula
from annuaire.core.text import normalize
from annuaire.directory.enums import (
    Access,
    AgeGroup,
    Audience,
    CareSetting,
    Cost,
    GroupFormat,
    Modality,
    Phase,
    PublicationStatus,
)
from annuaire.directory.models.place import Place

if TYPE_CHECKING:
    from annuaire.directory.search import SearchCriteria
    from annuaire.taxonomy.models import SubCategory


def cost_label(cost: str, amount: Decimal | None) -> str:
    """The cost in words ("Reste à charge : 25,00 €"), from an offer's columns (rows read
    with `.values()` use it as `Offer.cost_label` does)."""
    if cost == Cost.PARTLY_PAID and amount is not None:
        return f"Reste à charge : {amount:.2f} €".replace(".", ",")
    return str(dict(Cost.choices).get(cost, cost))


# From this offset on, `OfferQuerySet.window` reads a page through an index-only subquery.
DEFERRED_WINDOW_FROM = 200
FREE_FOR_PATIENT = (Cost.FREE, Cost.COVERED)


# The rules below take plain values so that the model and the flat rows of a result list
# (annuaire/directory/result_rows.py) share them.
def offer_phone(own: str, place_phone: str, structure_phone: str) -> str:
    """The number to call for an offer (docs/domain.md, "Le téléphone d'une offre"): the
    offer's own, else the place's, else the structure's. One rule for the pages, the API
    and the open data."""
    return own or place_phone or structure_phone


def offer_url(pk: int, title: str) -> str:
    """The offer's page: `reverse("www:offer", …)`, reversed once per URL configuration with
    placeholders filled in afterwards (a result list shows twenty: docs/adr/0035)."""
    pattern = reverse_remembered("www:offer", kwargs={"pk": int(_PK_PLACEHOLDER), "slug": _SLUG_PLACEHOLDER})
    return pattern.replace(_PK_PLACEHOLDER, str(pk)).replace(_SLUG_PLACEHOLDER, slugify(title) or "offre")


_PK_PLACEHOLDER, _SLUG_PLACEHOLDER = "9081726354", "slug-placeholder-offre"


def short_cost_label(cost: str, amount: Decimal | None) -> str:
    """ "Gratuit", "Pris en charge", "Reste à charge : 25 €": what a result card has room for."""
    if cost == Cost.COVERED:
        return "Pris en charge"
    if cost == Cost.PARTLY_PAID and amount is not None:
        return f"Reste à charge : {amount:.2f} €".replace(".", ",").replace(",00 €", " €")
    return str(Cost(cost).label) if cost in Cost.values else cost


class OfferQuerySet(models.QuerySet["Offer"]):
    def originals(self) -> OfferQuerySet:
        """Offers themselves, without the working copies of their pending revisions."""
        return self.filter(revision_of__isnull=True)

    def published(self) -> OfferQuerySet:
        """Visible to the public: the offer and its structure are both published (read from
        `is_public`, which the database keeps: annuaire/directory/visibility.py).

        Written `IN (true)`: Django writes `is_public=True` as the bare column, for which
        SQLite does not use the indexes that start with the flag in order (a deep page of a
        category at national scale sorted 14,000 rows: 5 ms instead of 0.3 ms)."""
        return self.filter(is_public__in=[True])

    def in_person(self) -> OfferQuerySet:
        """Offers a person can go to or receive at home: all but the remote-only ones
        (an offer without modality is taken as on site)."""
        return self.exclude(modalities=ChoiceSetField.lookup(Modality.REMOTE))

    def search(self, criteria: SearchCriteria) -> OfferQuerySet:
        """Published offers matching `criteria`, annotated with `distance_km` when a
        commune is given and sorted by distance, else by name. See docs/adr/0004."""
        from annuaire.directory.search import apply_criteria

        return apply_criteria(self.published(), criteria)  # type: ignore[return-value]

    def window(self, start: int, stop: int, deferred_from: int = DEFERRED_WINDOW_FROM) -> OfferQuerySet:
        """Rows `start` to `stop` of this ordered search, as `self[start:stop]` gives them.

        Far down the list, the rows skipped are found first by their ids alone (an index-only
        subquery), then only the page's rows are read with their relations: without it, page
        200 reads 4,000 offers and their structures to show 20 (docs/adr/0033)."""
        if start < deferred_from:
            return self[start:stop]
        return self.filter(pk__in=self.values("pk")[start:stop])

    def with_result_relations(self) -> OfferQuerySet:
        """Everything a result card shows, in a constant number of queries."""
        return self.select_related("structure", "category", "structure__commune").prefetch_related(
            "subcategories",
            models.Prefetch(
                "places", queryset=Place.objects.select_related("commune", "commune__departement").order_by("pk")
            ),
        )

    def refresh_search_text(self) -> None:
        for offer in self.select_related("structure", "category").prefetch_related("subcategories"):
            Offer.objects.filter(pk=offer.pk).update(search_text=offer.build_search_text())


class Offer(models.Model):
    uuid = models.UUIDField("identifiant stable", default=uuid.uuid4, unique=True, editable=False)
    structure = models.ForeignKey(
        "directory.Structure", on_delete=models.CASCADE, related_name="offers", verbose_name="structure"
    )
    title = models.CharField("intitulé", max_length=255)
    category = models.ForeignKey(
        "taxonomy.Category", on_delete=models.PROTECT, related_name="offers", verbose_name="catégorie de soins"
    )
    subcategories = models.ManyToManyField("taxonomy.SubCategory", related_name="offers", verbose_name="soins proposés")
    description = models.TextField("description", blank=True)
    places = models.ManyToManyField("directory.Place", related_name="offers", verbose_name="lieux")

    audiences = ChoiceSetField("pour qui", choices=Audience.choices)
    age_groups = ChoiceSetField("âges", choices=AgeGroup.choices)
    care_settings = ChoiceSetField("lieux de prise en charge", choices=CareSetting.choices)
    phases = ChoiceSetField("moments du parcours", choices=Phase.choices)
    access = ChoiceSetField("conditions d'accès", choices=Access.choices)
    formats = ChoiceSetField("format", choices=GroupFormat.choices)
    modalities = ChoiceSetField("modalités", choices=Modality.choices)
    parcours_global = models.BooleanField(
        "parcours de soins global après le traitement d'un cancer",
        default=False,
        help_text="Offre conventionnée avec l'ARS dans le cadre du parcours global après cancer (sans frais).",
    )

    cost = models.CharField("reste à charge", max_length=20, choices=Cost.choices, default=Cost.FREE)
    cost_amount = models.DecimalField(
        "montant restant à payer (€)", max_digits=7, decimal_places=2, null=True, blank=True
    )
    cost_details = models.CharField("précisions sur le coût", max_length=255, blank=True)

    how_to_access = models.TextField(
        "comment y accéder", blank=True, help_text="Sur rendez-vous, sur prescription, orientation par l'équipe..."
    )
    appointment_delay_days = models.PositiveSmallIntegerField(
        "délai habituel de rendez-vous (jours)", null=True, blank=True
    )
    schedule = models.CharField("jours et horaires", max_length=255, blank=True)
    opening_hours = models.CharField(
        "horaires d'ouverture (format OpenStreetMap)",
        max_length=255,
        blank=True,
        help_text="Ex. « Mo-Fr 09:00-12:00,14:00-17:00 » ; voir annuaire.core.opening_hours.",
    )
    contact_phone = models.CharField("téléphone pour prendre rendez-vous", max_length=30, blank=True)
    contact_email = models.EmailField("e-mail de contact", blank=True)
    practitioner_qualification = models.CharField(
        "qualification du praticien",
        max_length=255,
        blank=True,
        help_text="Obligatoire pour une pratique non conventionnelle en établissement de santé "
        "(ex. « médecin, DIU d'hypnose médicale »).",
    )

    status = models.CharField(
        "statut de publication", max_length=30, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    status_changed_at = models.DateTimeField("statut modifié le", null=True, blank=True, editable=False)
    published_at = models.DateTimeField("publiée le", null=True, blank=True)
    last_verified_at = models.DateField("dernière vérification", null=True, blank=True)
    revision_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name="révision de",
        help_text="Copie de travail d'une offre publiée : ses changements passent en validation "
        "pendant que la version publiée reste visible (docs/adr/0010).",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True, db_index=True)
    search_text = models.TextField("texte de recherche", blank=True, editable=False)
    is_public = models.BooleanField(
        "visible du public",
        default=False,
        editable=False,
        help_text="L'offre et sa structure sont publiées : tenu par la base (annuaire/directory/visibility.py).",
    )

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = "offre"
        ordering = ["title"]
        # Lists without a commune (all offers, or one kind of care): published offers counted and
        # read in (title, id) order from the index alone, the structure's id at hand to check
        # that it is published too (docs/adr/0033).
        indexes = [
            # The public search counts and pages visible offers from these alone (docs/adr/0036).
            models.Index(fields=["is_public", "category", "title", "id"]),
            models.Index(fields=["is_public", "title", "id"]),
            models.Index(fields=["status", "category", "title", "id", "structure"]),
            models.Index(fields=["status", "title", "id", "structure"]),
            # Counting published offers of published structures (the list without any filter).
            models.Index(fields=["status", "structure"]),
            models.Index(fields=["title"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["revision_of"],
                condition=models.Q(revision_of__isnull=False),
                name="one_open_revision_per_offer",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return offer_url(self.pk, self.title)

    def build_search_text(self, subcategories: Iterable[SubCategory] | None = None) -> str:
        """The normalised text free-text search looks into; `subcategories` for an offer
        whose links are not saved yet (bulk creation), else its saved ones."""
        if subcategories is None:
            subcategories = self.subcategories.all() if self.pk else []
        parts = [self.title, self.description, self.structure.name, self.category.label]
        parts += [sub.label for sub in subcategories]
        return normalize(" ".join(parts))

    def clean(self) -> None:
        """Field rules model forms check before the links exist; the whole offer is checked
        by `annuaire.directory.validation.validate_offer`."""
        from annuaire.directory.validation import cost_errors

        errors = cost_errors(self)
        if looks_like_formula(self.title):
            errors["title"] = FORMULA_REFUSED
        if errors:
            raise ValidationError(errors)

    def phone_for(self, place: Place | None = None) -> str:
        """The number to call for this offer (docs/domain.md, "Le téléphone d'une offre"):
        the offer's own, else the place's, else the structure's (`offer_phone`)."""
        return offer_phone(self.contact_phone, place.phone if place else "", self.structure.phone)

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED and self.structure.status == PublicationStatus.PUBLISHED

    @property
    def is_non_conventional(self) -> bool:
        return any(sub.is_non_conventional for sub in self.subcategories.all())

    @property
    def is_free_for_patient(self) -> bool:
        return self.cost in FREE_FOR_PATIENT

    @property
    def cost_label_short(self) -> str:
        return short_cost_label(self.cost, self.cost_amount)

    @property
    def cost_label(self) -> str:
        return cost_label(self.cost, self.cost_amount)
