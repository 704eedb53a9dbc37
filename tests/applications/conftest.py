from pathlib import Path
from typing import Any

import pytest

from annuaire.applications.models import PilotTerritory
from annuaire.geo.models import Departement


@pytest.fixture(autouse=True)
def _private_storage(settings: Any, tmp_path: Path) -> Path:
    """Documents go to a temporary private directory, never to the developer's one."""
    location = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": location}},
    }
    # Accounts are made by the dozen here: a fast hasher (the real one is tested by Django).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return location


@pytest.fixture
def open_brittany(db: Any) -> list[PilotTerritory]:
    """Applications are open in the four départements of Brittany."""
    return [PilotTerritory.objects.create(departement=d) for d in Departement.objects.filter(region_id="53")]
