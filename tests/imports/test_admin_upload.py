"""The import page of the administration: /admin/imports/importrun/importer/ (docs/import.md),
for technical superusers; coordinators use /espace/import/ (tests/imports/test_espace_import.py)."""

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from annuaire.accounts.models import Role
from annuaire.accounts.roles import grant_regional_admin
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, Place, Structure
from annuaire.geo.models import Region
from annuaire.imports.models import ImportRun
from annuaire.imports.tasks import run_queued_import
from annuaire.imports.upload import MAX_UPLOAD_BYTES
from tests.imports.conftest import csv_bytes, row

pytestmark = pytest.mark.django_db

URL = "/admin/imports/importrun/importer/"
DOCS = Path(__file__).resolve().parents[2] / "docs"


def staff(username: str, *codenames: str) -> User:
    user = User.objects.create_user(username, password="x", is_staff=True)
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="imports"))
    return User.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def coordinator(db: Any) -> User:
    """A technical superuser without any role in the directory: imports as drafts only."""
    return User.objects.create_superuser("technicienne", password="x")


@pytest.fixture
def regional_admin(db: Any) -> User:
    user = User.objects.create_superuser("admin-regional", password="x")
    grant_regional_admin(user, Region.objects.get(code="53"))
    return user


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload(client: Client, content: bytes, name: str = "offres.csv", **fields: str) -> Any:
    """The upload, then the page of its dry run (run in the background: in tests, at once)."""
    return client.post(URL, {"file": SimpleUploadedFile(name, content), **fields}, follow=True)


def confirm(client: Client, run: ImportRun | None = None) -> Any:
    """« Confirmer l'import » on the page of the last dry run (or of `run`)."""
    run = run or ImportRun.objects.filter(dry_run=True).latest("pk")
    return client.post(f"{URL}{run.pk}/", {"action": "confirm"}, follow=True)


def written() -> tuple[int, int, int]:
    return Structure.objects.count(), Offer.objects.count(), Place.objects.count()


def text(response: Any) -> str:
    """The page as a person reads it: tags removed, entities and spaces normalised."""
    html = response.content.decode()
    plain = re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").replace("&quot;", '"').replace("&nbsp;", " ")
    return re.sub(r"\s+", " ", plain)


def confirm_button(response: Any) -> bool:
    return 'value="Confirmer l\'import"' in response.content.decode()


def test_it_redirects_anonymous_visitors_to_the_admin_login(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    response = client.post(URL, {"file": SimpleUploadedFile("offres.csv", csv_bytes([row()]))})
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert ImportRun.objects.count() == 0 and written() == (0, 0, 0)


def test_it_sends_staff_who_are_not_superusers_to_the_admin_login_even_with_every_permission(db: Any) -> None:
    client = logged_in(staff("coordinatrice", "add_importrun", "view_importrun"))
    for response in (client.get(URL), client.post(URL, {"file": SimpleUploadedFile("offres.csv", csv_bytes([row()]))})):
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert ImportRun.objects.count() == 0 and written() == (0, 0, 0)


def test_it_shows_the_import_button_on_the_journal_to_superusers(coordinator: User) -> None:
    page = logged_in(coordinator).get("/admin/imports/importrun/").content.decode()
    assert f'href="{URL}"' in page and "Importer un fichier" in page


def test_it_shows_an_accessible_form_in_french(coordinator: User) -> None:
    response = logged_in(coordinator).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<label for="id_file" class="required">Fichier à importer</label>' in page
    assert 'enctype="multipart/form-data"' in page and 'aria-describedby="id_file_helptext"' in page
    assert "10 Mo au plus" in text(response)


def test_it_runs_a_dry_run_showing_the_report_and_writes_nothing_but_the_journal(coordinator: User) -> None:
    client = logged_in(coordinator)
    response = upload(client, csv_bytes([row(), row(offre_intitule="Art-thérapie", sous_categories="art-therapie")]))
    assert response.status_code == 200 and response.redirect_chain[0][1] == 303
    page = text(response)
    assert "Rapport de la simulation" in page and "Simulation sans erreur" in page
    assert "ligne 2 : offre « Séances de sophrologie » créée" in page
    assert "ligne 3 : offre « Art-thérapie » créée" in page
    assert confirm_button(response)
    assert written() == (0, 0, 0)
    journal = ImportRun.objects.get()
    assert journal.dry_run and journal.outcome == ImportRun.Outcome.SIMULATED
    assert journal.state == ImportRun.State.FINISHED and response.redirect_chain[0][0] == f"{URL}{journal.pk}/"
    assert journal.user == coordinator and journal.file_name == "offres.csv" and journal.offers_created == 2
    assert f"/admin/imports/importrun/{journal.pk}/change/" in response.content.decode()


def test_it_imports_the_checked_file_as_drafts_on_confirmation(coordinator: User) -> None:
    client = logged_in(coordinator)
    content = csv_bytes([row()])
    upload(client, content)
    response = confirm(client)
    assert response.status_code == 200
    page = text(response)
    assert "Résultat de l'import" in page and "Import réussi" in page and "en brouillon" in page
    assert written() == (1, 1, 1)
    assert Offer.objects.get().status == PublicationStatus.DRAFT
    assert Structure.objects.get().status == PublicationStatus.DRAFT
    real = ImportRun.objects.get(dry_run=False)
    assert real.outcome == ImportRun.Outcome.IMPORTED and real.user == coordinator and not real.publish
    assert real.sha256 == hashlib.sha256(content).hexdigest() and real.offers_created == 1
    assert f"/admin/imports/importrun/{real.pk}/change/" in response.content.decode()
    assert not confirm_button(response)
    # The kept bytes are gone: confirming twice writes nothing more.
    again = confirm(client, ImportRun.objects.get(dry_run=True))
    assert "n'est plus disponible" in text(again) and ImportRun.objects.count() == 2


def test_it_imports_an_xlsx_file_too(coordinator: User) -> None:
    client = logged_in(coordinator)
    content = (DOCS / "import-template.xlsx").read_bytes()
    response = upload(client, content, "modele.xlsx")
    assert "Simulation sans erreur" in text(response)
    confirm(client)
    assert Offer.objects.count() == 2


def test_it_offers_submission_only_to_coordinators_and_administrators(coordinator: User, regional_admin: User) -> None:
    assert 'name="publish"' not in logged_in(coordinator).get(URL).content.decode()
    page = logged_in(regional_admin).get(URL).content.decode()
    assert 'name="publish"' in page and "Soumettre à la validation" in page


def test_it_refuses_a_forged_submission_request_without_writing_anything(coordinator: User) -> None:
    response = upload(logged_in(coordinator), csv_bytes([row()]), publish="on")
    assert response.status_code == 200
    assert "Seuls les coordinateurs territoriaux" in text(response)
    assert not confirm_button(response)
    assert ImportRun.objects.count() == 0 and written() == (0, 0, 0)


def test_an_import_by_a_regional_administrator_lands_in_regional_review_never_published(
    regional_admin: User,
) -> None:
    client = logged_in(regional_admin)
    content = csv_bytes([row()])
    assert "soumet les offres à la validation" in text(upload(client, content, publish="on"))
    confirm(client)
    offer = Offer.objects.get()
    assert offer.status == PublicationStatus.REGIONAL_REVIEW and not offer.is_published
    assert ImportRun.objects.get(dry_run=False).publish


def test_it_refuses_submission_at_confirmation_if_the_role_was_withdrawn(regional_admin: User) -> None:
    client = logged_in(regional_admin)
    content = csv_bytes([row()])
    upload(client, content, publish="on")
    Role.objects.filter(user=regional_admin).delete()
    response = confirm(client)
    assert "Seuls les coordinateurs territoriaux" in text(response)
    assert written() == (0, 0, 0) and ImportRun.objects.filter(dry_run=False).count() == 0


def test_it_shows_the_errors_of_a_file_in_french_and_cannot_confirm_it(coordinator: User) -> None:
    client = logged_in(coordinator)
    content = csv_bytes([row(), row(offre_intitule="Autre", structure_commune="Kemper")])
    response = upload(client, content)
    page = text(response)
    assert "Import refusé : 1 erreur(s)" in page and "Erreurs (1)" in page
    assert "ligne 3 : commune inconnue « Kemper »" in page
    assert not confirm_button(response)
    rejected = ImportRun.objects.get()
    assert rejected.outcome == ImportRun.Outcome.REJECTED and not rejected.file  # nothing kept
    # Forcing the confirmation anyway writes nothing.
    assert "n'est plus disponible" in text(confirm(client))
    assert written() == (0, 0, 0) and ImportRun.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("offres.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Format de fichier non pris en charge"),
        ("offres.pdf", b"%PDF-1.4", "Format de fichier non pris en charge"),
        ("offres.csv", b"", "Le fichier déposé est vide."),
        (
            "offres.csv",
            b"x" * (MAX_UPLOAD_BYTES + 1),
            "Le fichier est trop volumineux (10,1 Mo) : la taille maximale est de 10 Mo.",
        ),
    ],
)
def test_it_refuses_a_wrong_file_with_a_french_message(
    coordinator: User, name: str, content: bytes, message: str
) -> None:
    response = upload(logged_in(coordinator), content, name)
    assert response.status_code == 200
    page = text(response)
    assert "Le fichier n'a pas été vérifié" in page and message in page
    assert 'href="#id_file"' in response.content.decode() and 'aria-invalid="true"' in response.content.decode()
    assert ImportRun.objects.count() == 0 and written() == (0, 0, 0)


def test_it_asks_for_a_file_when_none_is_sent(coordinator: User) -> None:
    response = logged_in(coordinator).post(URL, {})
    assert "Choisissez le fichier à importer." in text(response)


def test_it_refuses_a_confirmation_whose_kept_file_was_tampered_with(coordinator: User) -> None:
    client = logged_in(coordinator)
    upload(client, csv_bytes([row()]))
    kept = ImportRun.objects.get()
    with kept.file.storage.open(kept.file.name, "wb") as replaced:
        replaced.write(csv_bytes([row(offre_intitule="Autre chose")]))
    response = confirm(client)
    assert "ne correspond plus à celui qui a été vérifié" in text(response)
    assert written() == (0, 0, 0) and ImportRun.objects.count() == 1


def test_a_new_upload_replaces_the_file_kept_for_confirmation(coordinator: User) -> None:
    client = logged_in(coordinator)
    upload(client, csv_bytes([row()]))
    first = ImportRun.objects.get()
    upload(client, csv_bytes([row(offre_intitule="Autre chose")]))
    first.refresh_from_db()
    assert not first.file
    assert "n'est plus disponible" in text(confirm(client, first)) and written() == (0, 0, 0)


@pytest.mark.parametrize("action", ["", "autre", "retry"])
def test_it_ignores_an_unknown_or_misplaced_action(coordinator: User, action: str) -> None:
    client = logged_in(coordinator)
    upload(client, csv_bytes([row()]))
    run = ImportRun.objects.get()
    response = client.post(f"{URL}{run.pk}/", {"action": action})
    assert response.status_code == 200 and confirm_button(response)
    assert written() == (0, 0, 0) and ImportRun.objects.count() == 1


def test_it_answers_404_for_an_unknown_run(coordinator: User) -> None:
    assert logged_in(coordinator).get(f"{URL}999999/").status_code == 404


def test_the_journal_entry_of_an_import_opens_in_the_admin(coordinator: User) -> None:
    client = logged_in(coordinator)
    upload(client, csv_bytes([row()]))
    run = ImportRun.objects.get()
    page = client.get(f"/admin/imports/importrun/{run.pk}/change/")
    assert page.status_code == 200 and "Simulation sans erreur" in text(page)


def test_a_run_whose_kept_file_vanished_says_so_and_writes_nothing(coordinator: User, settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # queued, not run yet
    client = logged_in(coordinator)
    client.post(URL, {"file": SimpleUploadedFile("offres.csv", csv_bytes([row()]))})
    run = ImportRun.objects.get()
    run.file.storage.delete(run.file.name)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    run_queued_import.enqueue(run.pk)
    page = text(client.get(f"{URL}{run.pk}/"))
    assert "Le fichier conservé pour cet import est introuvable" in page
    run.refresh_from_db()
    assert run.outcome == ImportRun.Outcome.FAILED and written() == (0, 0, 0)
