"""An import killed in the middle of writing leaves nothing half-written: the whole import is
one transaction, and a killed process never commits it."""

import signal
import subprocess
import sys
from pathlib import Path

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
User.objects.create_user("coordinatrice", is_staff=True)
"""

COUNTS = """
import django
django.setup()
from annuaire.directory.models import Offer, Place, Structure
print(Structure.objects.count(), Offer.objects.count(), Place.objects.count())
"""


def test_a_killed_import_writes_nothing(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    run_python(SETUP, env)
    rows = [row(offre_intitule=f"Séance de sophrologie {n}", lieu_commune=QUIMPER) for n in range(600)]
    data = tmp_path / "offres.csv"
    data.write_bytes(csv_bytes(rows))

    command = [sys.executable, "manage.py", "import_offres", str(data), "--user", "coordinatrice"]
    process = subprocess.Popen(
        [*command, "--progress-every", "10"],
        cwd=REPO,
        env=child_env(env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    checked_every_row = saving = False
    for line in process.stderr:
        if line.strip() == "ligne 600/600":
            checked_every_row = True  # the rows are checked; now the saving starts
        elif checked_every_row and line.startswith("ligne "):
            saving = True
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert saving, "the import ended before it could be killed while saving"
    assert process.returncode == -signal.SIGKILL

    assert run_python(COUNTS, env).stdout.split() == ["0", "0", "0"]
