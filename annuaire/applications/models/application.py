"""A structure's application to be listed, and the journal of its status changes.

Status changes happen only in `annuaire.applications.workflow`, which writes an
`ApplicationEvent` for each: the journal the applicant reads on the tracking page.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core import signing
from django.db import models

from annuaire.applications.enums import ApplicationStatus
from annuaire.core.identifiers import compact, validate_finess, validate_siret
from annuaire.directory.enums import StructureKind
from annuaire.directory.models import Structure


class ApplicationQuerySet(models.QuerySet["Application"]):
    def waiting(self) -> ApplicationQuerySet:
        """Applications a coordinator has to examine, oldest first."""
        return self.filter(status=ApplicationStatus.SUBMITTED).order_by("submitted_at", "pk")

    def by_tracking_key(self, key: str) -> Application | None:
        """The application of a tracking link, or None for a wrong or forged key."""
        if not key or len(key) > 200:
            return None
        try:
            value = _TRACKING.unsign(key)
            application_uuid = uuid.UUID(value)
        except (signing.BadSignature, ValueError):
            return None
        return self.filter(uuid=application_uuid).select_related("commune").first()


# The tracking link carries the application's uuid signed with the site's secret key: the
# same link works in every e-mail of the application, and nothing secret is stored.
_TRACKING = signing.Signer(salt="annuaire.applications.tracking")


class Application(models.Model):
    uuid = models.UUIDField("identifiant", default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        "état", max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED, editable=False
    )

    # Identity and contact details (criterion 1).
    name = models.CharField("nom de la structure", max_length=255)
    kind = models.CharField("type de structure", max_length=30, choices=StructureKind.choices)
    siret = models.CharField("SIRET", max_length=14, validators=[validate_siret])
    finess = models.CharField("FINESS géographique", max_length=9, blank=True, validators=[validate_finess])
    address_line = models.CharField("adresse", max_length=255)
    address_complement = models.CharField("complément d'adresse", max_length=255, blank=True)
    postal_code = models.CharField("code postal", max_length=5)
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, related_name="+", verbose_name="commune")
    phone = models.CharField("téléphone de la structure", max_length=30)
    email = models.EmailField("e-mail de la structure")
    website = models.URLField("site internet", blank=True)

    legal_representative_last_name = models.CharField("nom du représentant légal", max_length=100)
    legal_representative_first_name = models.CharField("prénom du représentant légal", max_length=100)
    legal_representative_function = models.CharField("qualité du représentant légal", max_length=150)

    # Referent person (criterion 2): the future account holder.
    referent_last_name = models.CharField("nom du référent", max_length=100)
    referent_first_name = models.CharField("prénom du référent", max_length=100)
    referent_function = models.CharField("fonction du référent", max_length=150)
    referent_phone = models.CharField("téléphone du référent", max_length=30)
    referent_email = models.EmailField("e-mail du référent")

    # Link with oncology (criterion 3), insurance (charter) and statutes date (criterion 4).
    oncology_active_file = models.PositiveIntegerField("file active en oncologie (personnes par an)")
    insurer = models.CharField("assureur (responsabilité civile professionnelle)", max_length=150)
    insurance_policy = models.CharField("numéro du contrat d'assurance", max_length=60)
    siren_extract_date = models.DateField("date de l'extrait SIREN")

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="enregistrée par",
        help_text="Le coordinateur qui a saisi la candidature pour la structure, le cas échéant.",
    )
    structure = models.OneToOneField(
        "directory.Structure",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
        verbose_name="structure créée",
        editable=False,
    )
    decision_reason = models.TextField("motif de la décision", blank=True, editable=False)
    submitted_at = models.DateTimeField("déposée le", editable=False)
    decided_at = models.DateTimeField("décidée le", null=True, blank=True, editable=False)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "candidature"
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return f"Candidature de {self.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.siret, self.finess = compact(self.siret), compact(self.finess)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def tracking_key(self) -> str:
        """The secret part of the tracking link, sent to the applicant by e-mail."""
        return _TRACKING.sign(str(self.uuid))

    def structure_draft(self) -> Structure:
        """The structure this application would become (unsaved): what is listed on acceptance,
        and what the territorial rules are asked about before."""
        return Structure(
            name=self.name,
            kind=self.kind,
            siret=self.siret,
            finess=self.finess,
            address_line=self.address_line,
            address_complement=self.address_complement,
            postal_code=self.postal_code,
            commune=self.commune,
            phone=self.phone,
            email=self.email,
            website=self.website,
            referent_last_name=self.referent_last_name,
            referent_first_name=self.referent_first_name,
            referent_function=self.referent_function,
            referent_phone=self.referent_phone,
            referent_email=self.referent_email,
            oncology_active_file=self.oncology_active_file,
        )

    @property
    def is_health_establishment(self) -> bool:
        return self.kind in StructureKind.health_establishments()

    @property
    def reviewer_label(self) -> str:
        """Who examines it (DOMAIN.md §5): the 3C for establishments, the DAC for town structures."""
        if self.is_health_establishment:
            return "le centre de coordination en cancérologie (3C)"
        return "le dispositif d'appui à la coordination (DAC)"

    @property
    def is_open(self) -> bool:
        return self.status in ApplicationStatus.open_statuses()

    @property
    def referent_full_name(self) -> str:
        return f"{self.referent_first_name} {self.referent_last_name}".strip()

    @property
    def legal_representative_full_name(self) -> str:
        return f"{self.legal_representative_first_name} {self.legal_representative_last_name}".strip()


class ApplicationEvent(models.Model):
    """One status change of an application: who, when, from → to, and the words sent with it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("le", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="par"
    )
    from_status = models.CharField("de", max_length=20, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField("vers", max_length=20, choices=ApplicationStatus.choices)
    comment = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "étape de candidature"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application} : {self.get_to_status_display()}"
