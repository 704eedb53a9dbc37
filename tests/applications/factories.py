"""Applications made through the domain (`workflow.submit`), as a structure would make them."""

from __future__ import annotations

import hashlib
import html
import io
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone
from post_office.models import Email
from pypdf import PdfWriter

from annuaire.applications import workflow
from annuaire.applications.enums import DocumentKind
from annuaire.applications.models import Application
from annuaire.applications.uploads import CheckedPdf
from annuaire.core.identifiers import finess_with_key, siren_with_key, siret_with_key
from annuaire.directory.enums import StructureKind
from tests.geo.factories import RENNES, commune


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def checked_pdf(name: str = "document.pdf") -> CheckedPdf:
    content = pdf_bytes()
    return CheckedPdf(content, hashlib.sha256(content).hexdigest(), name)


_counter = iter(range(1, 10_000))


def application_fields(**overrides: Any) -> dict[str, Any]:
    n = next(_counter)
    siren = siren_with_key(f"{81000000 + n:08d}")
    fields: dict[str, Any] = {
        "name": f"Association Bien-être Cancer {n}",
        "kind": StructureKind.ASSOCIATION,
        "siret": siret_with_key(siren, "0001"),
        "finess": "",
        "address_line": "3 rue de la Paix",
        "postal_code": "35000",
        "commune": commune(RENNES),
        "phone": "02 99 11 22 33",
        "email": f"contact{n}@asso.example.org",
        "legal_representative_last_name": "Le Gall",
        "legal_representative_first_name": "Anne",
        "legal_representative_function": "Présidente",
        "referent_last_name": "Morvan",
        "referent_first_name": "Yann",
        "referent_function": "Coordinateur",
        "referent_phone": "06 11 22 33 44",
        "referent_email": f"referent{n}@asso.example.org",
        "oncology_active_file": 120,
        "insurer": "MACSF",
        "insurance_policy": "RCP-12345",
        "siren_extract_date": timezone.localdate() - timedelta(days=20),
    }
    if overrides.get("kind") in StructureKind.health_establishments():
        fields["finess"] = finess_with_key(f"35{n:06d}")
    fields.update(overrides)
    return fields


def submit_application(*, by: Any = None, **overrides: Any) -> Application:
    """A submitted application, with its three documents and its acceptances (the territory must be open)."""
    application = Application(**application_fields(**overrides))
    documents = {kind: checked_pdf() for kind in DocumentKind.values}
    return workflow.submit(
        workflow.Submission(application, documents), workflow.Signature("Anne Le Gall", "Présidente"), by=by
    )


def page(response: Any) -> str:
    """The text of an HTML answer, entities decoded (« l'annuaire » is written l&#x27;annuaire)."""
    return html.unescape(response.content.decode())


@dataclass(frozen=True)
class Queued:
    """An e-mail waiting in the outbox (django-post-office), as a test reads it."""

    subject: str
    body: str
    html: str
    to: list[str]


def outbox(to: str | None = None) -> list[Queued]:
    emails = [Queued(e.subject, e.message, e.html_message, list(e.to)) for e in Email.objects.order_by("pk")]
    return [e for e in emails if to is None or e.to == [to]]


def clear_outbox() -> None:
    Email.objects.all().delete()
