import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User

from annuaire.core.identifiers import siren_with_key, siret_with_key
from annuaire.imports.template import header
from tests.geo.factories import QUIMPER

SIRET_LIGUE = siret_with_key(siren_with_key("77567257"), "0004")
SIRET_MSP = siret_with_key(siren_with_key("81234567"), "0001")


def row(**values: str) -> dict[str, str]:
    """A valid row of the import template; keyword arguments override cells."""
    base = {
        "structure_nom": "Ligue contre le cancer – Comité 29",
        "structure_type": "ligue",
        "siret": SIRET_LIGUE,
        "structure_adresse": "2 rue Kervéguen",
        "structure_code_postal": "29000",
        "structure_commune": QUIMPER,
        "structure_telephone": "02 98 00 00 00",
        "offre_intitule": "Séances de sophrologie",
        "categorie": "bien-etre-image-de-soi",
        "sous_categories": "sophrologie",
        "qualification_praticien": "Sophrologue certifiée (RNCP)",
        "publics": "patients;proches",
        "cout": "gratuit",
    }
    base.update(values)
    return base


def csv_bytes(
    rows: list[dict[str, str]], columns: list[str] | None = None, delimiter: str = ",", encoding: str = "utf-8"
) -> bytes:
    buffer = io.StringIO()
    names = columns or header()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(names)
    for values in rows:
        writer.writerow([values.get(name, "") for name in names])
    return buffer.getvalue().encode(encoding)


@pytest.fixture
def importer_user(db: Any) -> User:
    return User.objects.create_user("coordinatrice", password="x", is_staff=True)


@pytest.fixture
def admin_user_with_publish(db: Any) -> User:
    user = User.objects.create_user("admin-regional", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="publish_import", content_type__app_label="imports"))
    return User.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    def write(content: bytes, name: str = "offres.csv") -> Path:
        path = tmp_path / name
        path.write_bytes(content)
        return path

    return write
