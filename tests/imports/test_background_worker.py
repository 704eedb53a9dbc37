"""Imports run in a real background worker (`manage.py db_worker`, docs/adr/0031-background-jobs.md):
the request only stores the file and writes the journal row; a worker killed in the middle of an
import leaves nothing written and a journal row that says so, and the import can be started again."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.geo.factories import QUIMPER
from tests.imports.conftest import csv_bytes, row
from tests.server.helpers import REPO, child_env, run_python

SETUP = """
import django
django.setup()
from django.core.management import call_command
from django.contrib.auth.models import User
call_command("migrate", verbosity=0)
call_command("load_geo", departements="29", verbosity=0)
call_command("load_taxonomy", verbosity=0)
User.objects.create_superuser("technicienne", password="mot-de-passe-de-test")
"""

# The import pages' POST, as the browser sends it: the request returns once the run is queued.
UPLOAD = """
import django, sys
django.setup()
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from annuaire.imports.models import ImportRun
client = Client()
client.force_login(User.objects.get(username="technicienne"))
upload = SimpleUploadedFile("offres.csv", open(sys.argv[1], "rb").read())
response = client.post("/admin/imports/importrun/importer/", {"file": upload})
run = ImportRun.objects.latest("pk")
print(response.status_code, run.state, run.rows_done, run.pk)
"""

CONFIRM = """
import django, sys
django.setup()
from django.contrib.auth.models import User
from django.test import Client
from annuaire.imports.models import ImportRun
client = Client()
client.force_login(User.objects.get(username="technicienne"))
response = client.post(f"/admin/imports/importrun/importer/{sys.argv[1]}/", {"action": sys.argv[2]})
print(response.status_code, ImportRun.objects.latest("pk").pk)
"""

PAGE = """
import django, sys
django.setup()
from django.contrib.auth.models import User
from django.test import Client
client = Client()
client.force_login(User.objects.get(username="technicienne"))
print(client.get(f"/admin/imports/importrun/importer/{sys.argv[1]}/").content.decode())
"""

# Ready first (Django loaded), then on a line from the test: the admin login, between two looks
# at the journal row.
LOGIN = """
import django, sys
django.setup()
from django.test import Client
from annuaire.imports.models import ImportRun
client = Client()
print("prêt", flush=True)
sys.stdin.readline()
before = ImportRun.objects.values_list("state", "phase").get()
response = client.post("/admin/login/?next=/admin/", {"username": "technicienne", "password": "mot-de-passe-de-test"})
after = ImportRun.objects.values_list("state", "phase").get()
print(*before, response.status_code, response.get("Location"), *after, flush=True)
"""


def site_env(tmp_path: Path, database_url: str) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url,
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "RATELIMIT_ENABLE": "false",
        "DEBUG": "true",  # static files unhashed (no collectstatic here)
    }


@pytest.fixture
def site(tmp_path: Path) -> dict[str, str]:
    """A site on a SQLite file of its own."""
    env = site_env(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    run_python(SETUP, env)
    return env


PARENT_DATABASE = os.environ.get("DATABASE_URL", "")


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgresql",
            marks=pytest.mark.skipif(
                not PARENT_DATABASE.startswith("postgres"),
                reason="the suite runs on PostgreSQL when DATABASE_URL says so",
            ),
        ),
    ]
)
def any_site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """A site on a SQLite file, and when the suite runs on PostgreSQL, on a PostgreSQL database of its own."""
    if request.param == "sqlite":
        env = site_env(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
        run_python(SETUP, env)
        yield env
        return
    name = f"annuaire_worker_{uuid.uuid4().hex[:12]}"
    server = PARENT_DATABASE.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env = site_env(tmp_path, f"{server}/{name}")
        run_python(SETUP, env)
        yield env
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def offers_file(tmp_path: Path) -> Path:
    path = tmp_path / "offres.csv"
    path.write_bytes(csv_bytes([row(offre_intitule=f"Séance {n}", lieu_commune=QUIMPER) for n in range(OFFERS)]))
    return path


def start_worker(env: dict[str, str], *extra: str) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--interval",
        "0.1",
        "--no-startup-delay",
        "--no-reload",
        *extra,
    ]
    return subprocess.Popen(command, cwd=REPO, env=child_env(env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture
def workers() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def query(env: dict[str, str], sql: str) -> Any:
    """The first row of `sql` on the site's database, read from outside the application."""
    url = env["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as db:
            return db.execute(sql).fetchone()
    with psycopg.connect(url, autocommit=True) as db:
        return db.execute(sql).fetchone()  # type: ignore[arg-type]


def journal(env: dict[str, str]) -> tuple[str, str, int]:
    found = query(env, "SELECT state, phase, rows_done FROM imports_importrun ORDER BY id DESC LIMIT 1")
    return tuple(found) if found else ("", "", 0)  # type: ignore[return-value]


def written(env: dict[str, str]) -> list[int]:
    return [query(env, f"SELECT count(*) FROM {table}")[0] for table in TABLES]


def saving(env: dict[str, str]) -> bool:
    """The import's transaction is open and has written rows: on SQLite it holds the write lock;
    on PostgreSQL the worker reports offers saved (through its second connection)."""
    if env["DATABASE_URL"].startswith("sqlite:///"):
        return write_lock_held(env)
    status, phase, rows_done = journal(env)
    return status == "en-cours" and phase == "enregistrement" and rows_done > 0


OFFERS = 150  # enough for the worker to be caught in the middle of saving
TABLES = ("directory_structure", "directory_offer", "directory_place")


def write_lock_held(env: dict[str, str]) -> bool:
    """True while another connection holds SQLite's write lock (the import's transaction)."""
    db = sqlite3.connect(env["DATABASE_URL"].removeprefix("sqlite:///"), timeout=0, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        db.close()


def wait_for(condition: object, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the worker did not get there in time"
        time.sleep(0.05)


def script(code: str, env: dict[str, str], *args: str) -> list[str]:
    """Run `code` in a child process on the test site; its printed words."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=REPO, env=child_env(env), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def page(env: dict[str, str], pk: str) -> str:
    return " ".join(script(PAGE, env, pk))


def test_the_upload_returns_at_once_and_the_worker_does_the_work(
    site: dict[str, str], offers_file: Path, workers: list[subprocess.Popen[bytes]]
) -> None:
    status, state, rows_done, pk = script(UPLOAD, site, str(offers_file))
    assert (status, state, rows_done) == ("303", "en-attente", "0")  # nothing checked inside the request
    assert "En attente : le traitement va commencer." in page(site, pk)
    workers.append(start_worker(site))
    wait_for(lambda: journal(site)[0] == "termine")
    assert "Simulation sans erreur" in page(site, pk) and "Confirmer l'import" in page(site, pk)
    assert written(site) == [0, 0, 0]


def test_an_admin_login_succeeds_while_a_large_file_is_checked_in_the_worker(
    site: dict[str, str], tmp_path: Path, workers: list[subprocess.Popen[bytes]]
) -> None:
    large = tmp_path / "grand.csv"
    large.write_bytes(csv_bytes([row(offre_intitule=f"Séance {n}", lieu_commune=QUIMPER) for n in range(20_000)]))
    script(UPLOAD, site, str(large))
    login = subprocess.Popen(
        [sys.executable, "-c", LOGIN],
        cwd=REPO,
        env=child_env(site),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert login.stdin is not None and login.stdout is not None
    assert login.stdout.readline().strip() == "prêt"
    workers.append(start_worker(site))
    wait_for(lambda: journal(site)[2] > 0)  # the worker is checking the rows
    login.stdin.write("\n")
    login.stdin.flush()
    answer = login.stdout.readline().split()
    login.wait(timeout=60)
    assert answer == ["en-cours", "verification", "302", "/admin/", "en-cours", "verification"]


def test_a_worker_killed_while_saving_leaves_nothing_and_the_import_can_be_started_again(
    any_site: dict[str, str], offers_file: Path, workers: list[subprocess.Popen[bytes]]
) -> None:
    site = any_site
    _status, _state, _rows, dry_run = script(UPLOAD, site, str(offers_file))
    workers.append(start_worker(site))
    wait_for(lambda: journal(site)[0] == "termine")
    status, real = script(CONFIRM, site, dry_run, "confirm")
    assert status == "303" and real != dry_run
    wait_for(lambda: journal(site)[1] == "enregistrement")  # every row checked; the saving starts
    wait_for(lambda: saving(site) or journal(site)[0] == "termine")
    assert journal(site)[0] == "en-cours", "the import ended before it could be killed while saving"
    workers[0].send_signal(signal.SIGKILL)
    workers[0].wait(timeout=30)

    assert written(site) == [0, 0, 0]
    assert journal(site)[0] == "en-cours"  # the worker had no time to say anything
    shown = page(site, real)  # the page sees the worker is gone
    assert "Cet import a été interrompu avant la fin" in shown and "Rien n'a été enregistré." in shown
    assert journal(site)[0] == "interrompu"

    status, again = script(CONFIRM, site, real, "retry")
    assert status == "303" and again != real
    workers.append(start_worker(site, "--batch"))
    assert workers[-1].wait(timeout=300) == 0
    assert journal(site)[0] == "termine" and written(site) == [1, OFFERS, 1]
    assert "Import réussi" in page(site, again)
