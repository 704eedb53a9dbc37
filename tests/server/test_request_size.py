"""An oversized body is refused with a French 413 before anything reads it."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args: Any) -> bytes:
        raise AssertionError("the body was read")

    readline = read


def test_a_body_announced_over_the_cap_is_refused_before_being_read(client: Client, settings: Any) -> None:
    size = 300 * 1024 * 1024
    response = client.generic(
        "POST",
        "/admin/login/",
        b"",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(size),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert "La requête est trop volumineuse : 12 Mo au plus." in response.content.decode()


def test_the_api_answers_413_in_json(client: Client, settings: Any) -> None:
    settings.MAX_REQUEST_BYTES = 100
    response = client.post(reverse("api:offers"), data="x" * 200, content_type="text/plain")
    assert response.status_code == 413
    assert response.json()["message"].startswith("La requête est trop volumineuse")


def test_a_form_body_under_the_cap_but_over_the_form_limit_is_a_400(client: Client, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/admin/login/", {"username": "x" * 5000, "password": "y"})
    assert response.status_code == 400


def test_uploads_larger_than_memory_go_to_disk_and_forms_are_capped_in_the_settings(settings: Any) -> None:
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 2 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2 * 1024 * 1024
    assert settings.MAX_REQUEST_BYTES > 10 * 1024 * 1024  # the 10 MB import file plus its form
