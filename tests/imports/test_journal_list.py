"""The journal of imports in the administration tells the truth about a crashed import: a run
whose worker died shows « Interrompu » in the list, not « En cours » forever."""

from __future__ import annotations

import html
import os
import socket
import subprocess
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from annuaire.imports.models import ImportRun

pytestmark = pytest.mark.django_db


def dead_pid() -> int:
    """The number of a process that has just ended."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def running(pid: int, file_name: str) -> ImportRun:
    return ImportRun.objects.create(
        username="dac-29",
        started_at=timezone.now(),
        file_name=file_name,
        sha256="0" * 64,
        state=ImportRun.State.RUNNING,
        heartbeat_at=timezone.now(),
        worker_host=socket.gethostname(),
        worker_pid=pid,
    )


@pytest.fixture
def admin_client(db: Any) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("technicienne", password="x"))
    return client


def test_the_journal_list_shows_a_run_whose_worker_died_as_interrupted(admin_client: Client) -> None:
    crashed = running(dead_pid(), "tombe.csv")
    alive = running(os.getpid(), "en-cours.csv")

    response = admin_client.get("/admin/imports/importrun/")

    assert response.status_code == 200
    crashed.refresh_from_db()
    alive.refresh_from_db()
    assert crashed.state == ImportRun.State.INTERRUPTED and crashed.finished_at is not None
    assert alive.state == ImportRun.State.RUNNING
    assert "Interrompu (rien d'enregistré)" in html.unescape(response.content.decode())


def test_settling_counts_only_the_dead_runs() -> None:
    running(dead_pid(), "a.csv")
    running(dead_pid(), "b.csv")
    running(os.getpid(), "c.csv")

    assert ImportRun.objects.settle_dead() == 2
    assert ImportRun.objects.settle_dead() == 0
