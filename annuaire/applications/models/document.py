"""A PDF sent with an application, kept in the private storage (never under a public URL)."""

from __future__ import annotations

import uuid

from django.db import models

from annuaire.applications.enums import DocumentKind
from annuaire.applications.storage import private_storage


def document_path(document: ApplicationDocument, filename: str) -> str:
    # The name given by the sender is irrelevant (content was checked): a random one, always .pdf.
    return f"candidatures/{document.application.uuid}/{document.kind}-{uuid.uuid4().hex}.pdf"


class ApplicationDocumentQuerySet(models.QuerySet["ApplicationDocument"]):
    def current(self) -> ApplicationDocumentQuerySet:
        """The latest document of each kind (a resubmission may replace one; older ones are kept)."""
        latest = self.filter(application=models.OuterRef("application"), kind=models.OuterRef("kind")).order_by(
            "-uploaded_at", "-pk"
        )
        return self.filter(pk=models.Subquery(latest.values("pk")[:1]))


class ApplicationDocument(models.Model):
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="documents", verbose_name="candidature"
    )
    kind = models.CharField("document", max_length=30, choices=DocumentKind.choices)
    file = models.FileField("fichier PDF", upload_to=document_path, storage=private_storage, max_length=200)
    original_name = models.CharField("nom du fichier envoyé", max_length=255, blank=True)
    size = models.PositiveIntegerField("taille (octets)")
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    uploaded_at = models.DateTimeField("envoyé le", auto_now_add=True)

    objects = ApplicationDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "document de candidature"
        ordering = ["kind", "-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.application.name}"

    @property
    def download_name(self) -> str:
        return f"{self.kind}.pdf"
