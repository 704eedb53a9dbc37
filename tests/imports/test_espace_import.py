"""The import screen of the back office: /espace/import/ (docs/import.md), for territorial
coordinators and regional administrators; who may open it is pinned in
tests/espace/test_authorisation_matrix.py."""

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from annuaire.accounts.models import RoleKind
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, Structure
from annuaire.imports.models import ImportRun
from tests.accounts.factories import coordinator, referent, regional_admin, with_totp
from tests.directory.factories import StructureFactory
from tests.imports.conftest import csv_bytes, row

pytestmark = pytest.mark.django_db

URL = "/espace/import/"
TEMPLATE = Path(__file__).resolve().parents[2] / "docs" / "import-template.csv"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text(response: Any) -> str:
    html = response.content.decode()
    plain = re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").replace("&quot;", '"').replace("&nbsp;", " ")
    return re.sub(r"\s+", " ", plain)


def check_and_confirm(client: Client, content: bytes, name: str = "offres.csv") -> tuple[Any, Any]:
    """Upload (the dry run runs in the background: here at once), then confirm on the run's page."""
    checked = client.post(URL, {"file": SimpleUploadedFile(name, content), "publish": "on"}, follow=True)
    dry_run = ImportRun.objects.filter(dry_run=True).latest("pk")
    assert checked.redirect_chain == [(f"{URL}{dry_run.pk}/", 303)]
    confirmed = client.post(f"{URL}{dry_run.pk}/", {"action": "confirm"}, follow=True)
    return checked, confirmed


def test_a_coordinator_imports_the_template_which_lands_in_territorial_review() -> None:
    client = logged_in(with_totp(coordinator(RoleKind.COORDINATOR_DAC, departements="29")))
    page = client.get(URL)
    assert page.status_code == 200
    assert "Importer des structures et des offres" in text(page) and 'name="publish"' in page.content.decode()
    assert 'enctype="multipart/form-data"' in page.content.decode()
    checked, confirmed = check_and_confirm(client, TEMPLATE.read_bytes(), "import-template.csv")
    assert "Rapport de la simulation" in text(checked) and "Simulation sans erreur" in text(checked)
    assert "validation (territoriale)" in text(checked)
    assert 'value="confirm"' in checked.content.decode()
    assert "Résultat de l'import" in text(confirmed) and "Import réussi" in text(confirmed)
    real = ImportRun.objects.get(dry_run=False)
    assert confirmed.redirect_chain == [(f"{URL}{real.pk}/", 303)]
    assert real.state == ImportRun.State.FINISHED and real.sha256 == hashlib.sha256(TEMPLATE.read_bytes()).hexdigest()
    offers = list(Offer.objects.all())
    assert len(offers) == 2
    assert {offer.status for offer in offers} == {PublicationStatus.TERRITORIAL_REVIEW}
    assert not any(offer.is_published for offer in offers)
    assert ImportRun.objects.get(dry_run=False).publish


def test_a_regional_administrator_imports_into_regional_review() -> None:
    client = logged_in(with_totp(regional_admin("53")))
    check_and_confirm(client, csv_bytes([row()]))
    assert Offer.objects.get().status == PublicationStatus.REGIONAL_REVIEW


def test_the_dry_run_writes_nothing_and_errors_cannot_be_confirmed() -> None:
    client = logged_in(with_totp(coordinator(RoleKind.COORDINATOR_3C, departements="29")))
    content = csv_bytes([row(structure_commune="Kemper")])
    checked, confirmed = check_and_confirm(client, content)
    assert "ligne 2 : commune inconnue « Kemper »" in text(checked)
    assert 'value="confirm"' not in checked.content.decode()
    assert "n'est plus disponible" in text(confirmed) and ImportRun.objects.count() == 1
    assert Structure.objects.count() == 0 and Offer.objects.count() == 0


def test_a_wrong_file_gets_a_french_message() -> None:
    client = logged_in(with_totp(coordinator(RoleKind.COORDINATOR_DAC, departements="29")))
    response = client.post(URL, {"file": SimpleUploadedFile("offres.pdf", b"%PDF-1.4")})
    assert response.status_code == 200 and "Format de fichier non pris en charge" in text(response)
    assert ImportRun.objects.count() == 0


def test_an_import_page_is_seen_by_the_person_who_started_it_only() -> None:
    owner = logged_in(with_totp(coordinator(RoleKind.COORDINATOR_DAC, departements="29")))
    check_and_confirm(owner, csv_bytes([row()]))
    run = ImportRun.objects.get(dry_run=True)
    colleague = logged_in(with_totp(coordinator(RoleKind.COORDINATOR_DAC, departements="29")))
    assert colleague.get(f"{URL}{run.pk}/").status_code == 404
    assert colleague.post(f"{URL}{run.pk}/", {"action": "confirm"}).status_code == 404
    assert owner.get(URL).status_code == 200 and f'href="{URL}{run.pk}/"' in owner.get(URL).content.decode()


def test_the_upload_only_queues_the_work_and_the_page_shows_its_progress(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # a queue nobody runs
    client = logged_in(with_totp(coordinator(RoleKind.COORDINATOR_DAC, departements="29")))
    response = client.post(URL, {"file": SimpleUploadedFile("offres.csv", csv_bytes([row()]))})
    run = ImportRun.objects.get()
    assert response.status_code == 303 and response["Location"] == f"{URL}{run.pk}/"
    assert run.state == ImportRun.State.QUEUED and run.dry_run and run.file
    assert run.file.read() == csv_bytes([row()])  # kept on the storage, not in the session
    page = client.get(f"{URL}{run.pk}/")
    assert "En attente : le traitement va commencer." in text(page)
    assert f'<a href="{URL}{run.pk}/">Actualiser la page</a>' in page.content.decode()
    assert 'hx-trigger="every 2s"' in page.content.decode() and "<script>" not in page.content.decode()
    ImportRun.objects.filter(pk=run.pk).update(state=ImportRun.State.RUNNING, rows_done=1, row_count=4)
    assert "Vérification des lignes : 1 sur 4 (25 %)" in text(client.get(f"{URL}{run.pk}/"))
    assert Offer.objects.count() == 0


def test_the_menu_links_the_screen_for_coordinators_only() -> None:
    menu = f'href="{URL}"'
    coordinator_page = logged_in(with_totp(coordinator(RoleKind.COORDINATOR_DAC, departements="29"))).get("/espace/")
    assert menu in coordinator_page.content.decode()
    structure_referent = referent(StructureFactory())
    assert menu not in logged_in(structure_referent).get("/espace/").content.decode()
    assert logged_in(structure_referent).get(URL).status_code == 403
