"""Checking an uploaded document: a real PDF by its content, not by its name or its declared type.

A file is accepted when it starts with the PDF signature `%PDF-`, pypdf can read its
structure and at least one page, and it is not password-protected (a coordinator must be
able to open it). Its name is ignored: it is stored under a random name ending in .pdf.
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

logger = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"


def megabytes(size: int) -> str:
    """ "5 Mo", "7,3 Mo": the size as people read it (rounded up, so that 5 Mo and 1 byte is "5,1 Mo")."""
    tenths = math.ceil(size * 10 / (1024 * 1024))
    return f"{tenths // 10},{tenths % 10} Mo".replace(",0 Mo", " Mo")


@dataclass(frozen=True)
class CheckedPdf:
    content: bytes
    sha256: str
    original_name: str


def check_pdf(upload: UploadedFile) -> CheckedPdf:
    """The bytes of a valid PDF upload, or a `ValidationError` in French."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError("Le fichier est vide. Choisissez le document PDF à envoyer.", code="empty")
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            f"Le fichier est trop lourd ({megabytes(size)}) : {megabytes(MAX_DOCUMENT_BYTES)} au maximum. "
            "Essayez de l'enregistrer en qualité réduite.",
            code="too_big",
        )
    content = b"".join(upload.chunks())
    if not content.startswith(PDF_SIGNATURE):
        raise ValidationError(
            "Ce fichier n'est pas un document PDF. Enregistrez votre document au format PDF puis envoyez-le.",
            code="not_pdf",
        )
    _check_structure(content)
    return CheckedPdf(content, hashlib.sha256(content).hexdigest(), (upload.name or "")[:255])


def _check_structure(content: bytes) -> None:
    unreadable = ValidationError(
        "Ce document PDF est abîmé ou illisible. Enregistrez-le de nouveau au format PDF puis envoyez-le.",
        code="broken_pdf",
    )
    from pypdf import PdfReader  # ~14 MB per process: loaded by the first upload, not at start-up

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                "Ce document PDF est protégé par un mot de passe : envoyez-le sans protection.", code="encrypted_pdf"
            )
        page_count = len(reader.pages)
    except ValidationError:
        raise
    except Exception as error:  # untrusted bytes: any parse failure means "not a readable PDF"
        logger.info("Refused PDF upload: %s", error)
        raise unreadable from error
    if page_count < 1:
        raise unreadable
