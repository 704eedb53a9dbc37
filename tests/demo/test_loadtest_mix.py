"""The journeys of `make loadtest` (annuaire/demo/loadtest_mix.py), run through Django's test
client on the demo region: every request they make answers 200, CSRF checks on, so that the
load test's mix cannot rot while the site changes. The load itself is `make loadtest`."""

import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from annuaire.demo import loadtest_mix
from annuaire.demo.loadtest_mix import Page

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.xdist_group("seed_demo"),
    pytest.mark.usefixtures("seeded_demo_region"),
]


@pytest.fixture(autouse=True)
def _demo_passwords(settings: Any) -> None:
    """The demo accounts were hashed by seed_demo with the default hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


class ClientHttp:
    """The journeys' `Http` over Django's test client, CSRF enforced like a real server;
    remembers every page it was given."""

    def __init__(self) -> None:
        self.client = Client(enforce_csrf_checks=True)
        self.seen: list[tuple[str, str, int]] = []

    def get(self, path: str, name: str) -> Page:
        return self._page("GET", path, self.client.get(path, follow=True))

    def post(self, path: str, data: dict[str, str], name: str) -> Page:
        return self._page("POST", path, self.client.post(path, data, follow=True))

    def _page(self, method: str, path: str, response: Any) -> Page:
        self.seen.append((method, path, response.status_code))
        final = response.request["PATH_INFO"]
        if response.request.get("QUERY_STRING"):
            final += "?" + response.request["QUERY_STRING"]
        return Page(response.status_code, response.content.decode(), final)


def answers(http: ClientHttp) -> set[int]:
    return {status for _, _, status in http.seen}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_patient_searches_and_opens_offers_of_the_results(seed: int) -> None:
    http = ClientHttp()
    loadtest_mix.patient(http, random.Random(seed))
    assert answers(http) == {200}
    assert any(path.startswith("/offres/") for _, path, _ in http.seen)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_nurse_adds_offers_to_her_selection_and_opens_the_printable_sheet(seed: int) -> None:
    http = ClientHttp()
    loadtest_mix.nurse(http, random.Random(seed))
    assert answers(http) == {200}
    assert [m for m, p, _ in http.seen if p == "/fiche-orientation/ajouter/"] == ["POST", "POST"]
    assert ("GET", "/fiche-orientation/", 200) in http.seen


@pytest.mark.parametrize("username", loadtest_mix.COORDINATORS)
def test_a_demo_coordinator_signs_in_and_every_queue_of_the_mix_answers(username: str) -> None:
    http = ClientHttp()
    loadtest_mix.log_in(http, username)
    for path in loadtest_mix.QUEUES:
        loadtest_mix.expect(http.get(path, name=path), path, "/espace/")
    loadtest_mix.coordinator(http, random.Random(1))
    assert answers(http) == {200}


@pytest.mark.parametrize("seed", range(4))
def test_a_harvester_follows_the_next_links_of_fhir_and_data_inclusion(seed: int) -> None:
    http = ClientHttp()
    loadtest_mix.harvester(http, random.Random(seed))
    assert answers(http) == {200}
    assert len(http.seen) >= 3  # at least one `next` link followed


def test_every_start_address_of_the_harvester_answers() -> None:
    http = ClientHttp()
    for path in [*loadtest_mix.HARVESTED, *loadtest_mix.DATA_INCLUSION]:
        loadtest_mix.expect(http.get(path, name=path), path)


def test_the_locustfile_declares_one_user_class_per_kind_of_person() -> None:
    """Checked by locust itself, in its own process (importing locust patches the standard library)."""
    locust = Path(sys.executable).with_name("locust")
    listed = subprocess.run(
        [str(locust), "-f", "annuaire/demo/locustfile.py", "--list"],
        cwd=settings.BASE_DIR,
        env={"PYTHONPATH": str(settings.BASE_DIR), "PATH": str(locust.parent)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert set(listed.stdout.split()) >= {"Patient", "Nurse", "Coordinator", "Harvester"}


def test_turning_rate_limits_off_for_the_load_test_turns_off_the_login_limits_too() -> None:
    """Coordinators of the load test all sign in from 127.0.0.1."""
    probe = "from django.conf import settings; print(settings.RATELIMIT_ENABLE, settings.ACCOUNT_RATE_LIMITS)"
    env = {"PATH": str(Path(sys.executable).parent), "DJANGO_SETTINGS_MODULE": "config.settings"}
    outputs = [
        subprocess.run(
            [sys.executable, "-c", probe],
            cwd=settings.BASE_DIR,
            env={**env, "PYTHONPATH": str(settings.BASE_DIR), "RATELIMIT_ENABLE": value},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for value in ("false", "true")
    ]
    assert outputs[0] == "False False"
    assert outputs[1].startswith("True {")
