"""Uploads are checked by their content: a readable PDF, 5 MB at most; the name says nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from annuaire.applications.models import Application, ApplicationDocument
from annuaire.applications.uploads import MAX_DOCUMENT_BYTES, check_pdf
from tests.applications.factories import page, pdf_bytes
from tests.applications.test_apply import form_data

# The first bytes of a Windows executable (MZ header) and of a PNG image.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type)


def refusal(name: str, content: bytes, content_type: str = "application/pdf") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_pdf(upload(name, content, content_type))
    return caught.value


def test_a_real_pdf_is_accepted() -> None:
    checked = check_pdf(upload("statuts.pdf", pdf_bytes()))

    assert checked.content.startswith(b"%PDF-")
    assert len(checked.sha256) == 64


def test_a_pdf_named_exe_is_accepted_for_its_content() -> None:
    checked = check_pdf(upload("statuts.exe", pdf_bytes(), "application/octet-stream"))

    assert checked.original_name == "statuts.exe"


def test_an_executable_named_pdf_is_refused() -> None:
    error = refusal("statuts.pdf", EXECUTABLE)

    assert error.code == "not_pdf"
    assert "n'est pas un document PDF" in error.message


def test_an_image_is_refused_even_when_declared_as_pdf() -> None:
    assert refusal("scan.pdf", PNG).code == "not_pdf"


def test_an_empty_file_is_refused() -> None:
    error = refusal("vide.pdf", b"")

    assert error.code == "empty"
    assert "Le fichier est vide" in error.message


def test_a_file_over_5_mb_is_refused_before_being_read() -> None:
    error = refusal("gros.pdf", b"%PDF-1.7\n" + b"0" * MAX_DOCUMENT_BYTES)

    assert error.code == "too_big"
    assert "trop lourd (5,1 Mo) : 5 Mo au maximum" in error.message


def test_a_file_with_only_the_pdf_signature_is_refused_as_broken() -> None:
    error = refusal("faux.pdf", b"%PDF-1.4\nceci n'est pas un PDF\n%%EOF\n")

    assert error.code == "broken_pdf"
    assert "abîmé ou illisible" in error.message


def test_a_truncated_pdf_is_refused() -> None:
    content = pdf_bytes()

    assert refusal("coupe.pdf", content[: len(content) // 3]).code == "broken_pdf"


@pytest.mark.django_db
def test_a_pdf_named_exe_is_stored_with_a_pdf_name(client: Client, open_brittany: Any) -> None:
    data = form_data(name="Nom trompeur")
    data["document_siren"] = upload("extrait.exe", pdf_bytes(), "application/x-msdownload")

    client.post("/candidature/", data)

    document = ApplicationDocument.objects.get(application__name="Nom trompeur", kind="extrait-siren")
    assert document.file.name.endswith(".pdf")
    assert document.original_name == "extrait.exe"


@pytest.mark.django_db
def test_a_bad_upload_in_the_form_changes_nothing_and_says_why(client: Client, open_brittany: Any) -> None:
    data = form_data()
    data["document_recruitment"] = upload("procedure.pdf", EXECUTABLE)

    response = client.post("/candidature/", data)

    assert response.status_code == 200
    assert "Ce fichier n'est pas un document PDF" in page(response)
    assert not Application.objects.exists()
    assert not ApplicationDocument.objects.exists()


@pytest.mark.django_db
def test_an_empty_upload_in_the_form_is_refused_in_french(client: Client, open_brittany: Any) -> None:
    data = form_data()
    data["document_health_project"] = upload("projet.pdf", b"")

    response = client.post("/candidature/", data)

    assert "vide" in page(response)
    assert not Application.objects.exists()
