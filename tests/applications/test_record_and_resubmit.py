"""A coordinator records an application for a structure; a completion may replace documents."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from annuaire.applications import workflow
from annuaire.applications.enums import ApplicationStatus, DocumentKind
from annuaire.applications.models import Application, ApplicationDocument
from annuaire.directory.enums import StructureKind
from tests.accounts.factories import coordinator, with_totp
from tests.applications.factories import outbox, page, pdf_bytes, submit_application
from tests.applications.test_apply import form_data

pytestmark = pytest.mark.django_db


def test_a_coordinator_records_an_application_for_a_structure_of_their_territory(
    client: Client, open_brittany: Any
) -> None:
    dac = with_totp(coordinator(departements="35"))
    client.force_login(dac)

    response = client.post("/espace/candidatures/nouvelle/", form_data(name="Saisie par le DAC"))

    application = Application.objects.get(name="Saisie par le DAC")
    assert response["Location"] == f"/espace/candidatures/{application.pk}/"
    assert application.recorded_by == dac
    assert {a.recorded_by for a in application.acceptances.all()} == {dac}
    assert application.tracking_key in outbox(to=application.referent_email)[0].body


def test_a_coordinator_cannot_record_an_application_outside_their_level(client: Client, open_brittany: Any) -> None:
    client.force_login(with_totp(coordinator(departements="35")))

    response = client.post(
        "/espace/candidatures/nouvelle/", form_data(name="Clinique", kind=StructureKind.ETABLISSEMENT_SANTE)
    )

    assert "Vous ne pouvez pas enregistrer une candidature sur ce territoire" in page(response)
    assert not Application.objects.exists()


def test_a_completion_replaces_a_document_and_keeps_the_previous_one(client: Client, open_brittany: Any) -> None:
    application = submit_application()
    workflow.send_back(application, "Joignez la nouvelle procédure.", by=coordinator(departements="35"))
    before = ApplicationDocument.objects.get(application=application, kind=DocumentKind.RECRUITMENT)
    url = f"/candidature/suivi/{application.tracking_key}/completer/"
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["siren_extract_date"] = form.initial["siren_extract_date"].isoformat()
    data["document_recruitment"] = SimpleUploadedFile("v2.pdf", pdf_bytes(3), "application/pdf")

    client.post(url, data)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    current = ApplicationDocument.objects.filter(application=application).current()
    assert current.count() == 3
    assert current.get(kind=DocumentKind.RECRUITMENT).original_name == "v2.pdf"
    assert ApplicationDocument.objects.filter(pk=before.pk).exists()


def test_an_application_waiting_for_review_cannot_be_completed(client: Client, open_brittany: Any) -> None:
    application = submit_application()

    response = client.get(f"/candidature/suivi/{application.tracking_key}/completer/")

    assert response.status_code == 302
    with pytest.raises(workflow.ApplicationError):
        workflow.resubmit(application, {}, None)
