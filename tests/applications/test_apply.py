"""A structure applies from the public form, and follows its application by a secret link."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from annuaire.applications import legal
from annuaire.applications.enums import ApplicationStatus, DocumentKind, LegalTextKind
from annuaire.applications.models import Application, ApplicationDocument, PilotTerritory
from annuaire.directory.enums import StructureKind
from annuaire.geo.models import Commune
from tests.applications.factories import application_fields, outbox, page, pdf_bytes

pytestmark = pytest.mark.django_db


def form_data(**overrides: Any) -> dict[str, Any]:
    fields = application_fields(**overrides)
    commune: Commune = fields.pop("commune")
    data = dict(fields)
    data.update(
        commune=commune.label,
        siren_extract_date=fields["siren_extract_date"].isoformat(),
        signatory_name="Anne Le Gall",
        signatory_function="Présidente",
        accept_charter="on",
        accept_terms="on",
        document_siren=SimpleUploadedFile("Mon Kbis.PDF", pdf_bytes(), "application/pdf"),
        document_health_project=SimpleUploadedFile("scan_projet_2026.pdf", pdf_bytes(2), "application/pdf"),
        document_recruitment=SimpleUploadedFile("recrutement final.pdf", pdf_bytes(), "application/pdf"),
    )
    return data


def test_the_form_says_applications_are_not_open_when_no_territory_is(client: Client) -> None:
    response = client.get("/candidature/")
    text = page(response)
    assert response.status_code == 200
    assert "Les candidatures ne sont pas encore ouvertes" in text
    assert "contact-annuaire@example.org" in text
    assert "<form" not in text.split("</header>")[1]


def test_a_structure_applies_and_gets_its_tracking_link(client: Client, open_brittany: Any) -> None:
    response = client.post("/candidature/", form_data(name="Les Roses de Rennes"))

    application = Application.objects.get(name="Les Roses de Rennes")
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.commune.code == "35238"
    assert response.status_code == 302
    assert response["Location"] == f"/candidature/suivi/{application.tracking_key}/"
    assert sorted(application.documents.values_list("kind", flat=True)) == sorted(DocumentKind.values)
    [message] = outbox(to=application.referent_email)
    assert application.tracking_key in message.body
    assert message.subject.startswith("Votre candidature est bien reçue")
    assert application.tracking_key in message.html
    assert len(outbox(to=application.email)) == 1

    tracking = page(client.get(response["Location"]))
    assert "Déposée, en attente d'examen" in tracking
    assert "Les Roses de Rennes" in tracking


def test_each_acceptance_records_the_version_the_date_and_who_accepted(client: Client, open_brittany: Any) -> None:
    client.post("/candidature/", form_data(name="Les Roses de Rennes"))

    application = Application.objects.get(name="Les Roses de Rennes")
    acceptances = {a.kind: a for a in application.acceptances.all()}
    assert set(acceptances) == {LegalTextKind.CHARTER, LegalTextKind.TERMS}
    for kind, acceptance in acceptances.items():
        assert acceptance.version == legal.current(kind).version
        assert acceptance.signatory_name == "Anne Le Gall"
        assert acceptance.signatory_function == "Présidente"
        assert timezone.now() - acceptance.accepted_at < timedelta(minutes=1)


def test_documents_are_stored_privately_under_a_random_pdf_name(
    client: Client, open_brittany: Any, _private_storage: Any
) -> None:
    client.post("/candidature/", form_data())

    for document in ApplicationDocument.objects.all():
        assert document.file.name.endswith(".pdf")
        assert document.original_name in ("Mon Kbis.PDF", "scan_projet_2026.pdf", "recrutement final.pdf")
        assert "Kbis" not in document.file.name and "scan" not in document.file.name
        assert (_private_storage / document.file.name).read_bytes().startswith(b"%PDF-")
        assert client.get(f"/media/{document.file.name}").status_code == 404
        assert client.get(f"/{document.file.name}").status_code == 404


def test_without_accepting_the_charter_nothing_is_recorded(client: Client, open_brittany: Any) -> None:
    data = form_data()
    del data["accept_charter"]

    response = client.post("/candidature/", data)

    assert response.status_code == 200
    assert "la charte doit être acceptée" in page(response)
    assert not Application.objects.exists()
    assert not outbox()


def test_a_health_establishment_must_give_its_finess(client: Client, open_brittany: Any) -> None:
    response = client.post("/candidature/", form_data(kind=StructureKind.ETABLISSEMENT_SANTE, finess=""))

    assert "Indiquez le numéro FINESS" in page(response)
    assert not Application.objects.exists()


def test_a_wrong_siret_key_is_refused_in_french(client: Client, open_brittany: Any) -> None:
    response = client.post("/candidature/", form_data(siret="12345678901234"))

    assert "Ce numéro SIRET n'est pas valide" in page(response)
    assert not Application.objects.exists()


def test_a_siren_extract_older_than_three_months_is_refused(client: Client, open_brittany: Any) -> None:
    old = timezone.localdate() - timedelta(days=100)

    response = client.post("/candidature/", form_data(siren_extract_date=old))

    assert "L'extrait SIREN doit dater de moins de 3 mois" in page(response)
    assert not Application.objects.exists()


def test_the_active_file_is_required(client: Client, open_brittany: Any) -> None:
    data = form_data()
    data["oncology_active_file"] = ""

    response = client.post("/candidature/", data)

    assert response.status_code == 200
    assert not Application.objects.exists()


def test_a_structure_outside_the_open_territories_is_told_whom_to_contact(client: Client) -> None:
    PilotTerritory.objects.create(departement_id="29")

    response = client.post("/candidature/", form_data())

    text = page(response)
    assert "Les candidatures ne sont pas encore ouvertes sur le territoire de cette commune" in text
    assert "contact-annuaire@example.org" in text
    assert not Application.objects.exists()


def test_a_commune_opened_alone_accepts_applications(client: Client) -> None:
    PilotTerritory.objects.create(commune_id="35238")

    client.post("/candidature/", form_data(name="Rennes seule"))

    assert Application.objects.filter(name="Rennes seule").exists()


def test_a_closed_territory_refuses_new_applications(client: Client) -> None:
    PilotTerritory.objects.create(departement_id="35", closed_at=timezone.now())
    PilotTerritory.objects.create(departement_id="29")

    client.post("/candidature/", form_data())

    assert not Application.objects.exists()


def test_a_forged_tracking_link_is_a_404(client: Client, open_brittany: Any) -> None:
    assert client.get("/candidature/suivi/nimporte-quoi/").status_code == 404
    assert client.get("/candidature/suivi/1a2b3c4d-0000-0000-0000-000000000000:AAAA/").status_code == 404


def test_a_siret_typed_with_spaces_is_accepted(client: Client, open_brittany: Any) -> None:
    data = form_data(name="Avec espaces")
    siret = data["siret"]
    data["siret"] = f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"

    client.post("/candidature/", data)

    assert Application.objects.get(name="Avec espaces").siret == siret
