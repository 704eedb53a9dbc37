"""Test set-up: every test database holds the real reference data of Brittany.

Reference data (communes of the four Breton départements, the default taxonomy, the default
needs mapping) is loaded once per test database with the same commands as production, so
tests search real communes ("Rennes", "29000") and real taxonomy codes.
"""

from collections.abc import Iterator
from typing import Any

import jinja2
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import override_settings

from annuaire.core import published

BRITTANY = "22,29,35,56"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        call_command("load_geo", departements=BRITTANY, verbosity=0, stdout=_Null())
        call_command("load_taxonomy", verbosity=0, stdout=_Null())
        call_command("load_ror_mapping", verbosity=0, stdout=_Null())
        call_command("load_needs", verbosity=0, stdout=_Null())
    yield
    with django_db_blocker.unblock():
        _end_other_sessions()


def _end_other_sessions() -> None:
    """Threads of the live server (browser tests) may still hold a PostgreSQL session, which
    would forbid dropping the test database at the end of the run."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    connection.close()


class _Null:
    def write(self, *args: Any) -> None:
        pass

    def flush(self) -> None:
        pass


@pytest.fixture(scope="session", autouse=True)
def _private_media(tmp_path_factory: Any) -> Iterator[None]:
    """Application documents (the demo's too) go to a temporary directory, never to var/."""
    location = tmp_path_factory.mktemp("private-media")
    storages = {**settings.STORAGES, "private": {**settings.STORAGES["private"], "OPTIONS": {"location": location}}}
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture(autouse=True)
def _new_public_data_generation() -> Iterator[None]:
    """A test's writes are rolled back, not the generation token they bumped: what a test
    remembered under it (taxonomy, ROR mapping, communes...) must not outlive the test."""
    yield
    published.changed()


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """Tests create many accounts: a fast hash (never in production)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _strict_templates(settings: Any) -> None:
    """Unknown template variables fail the test instead of printing nothing."""
    for engine in settings.TEMPLATES:
        if engine["BACKEND"].endswith("Jinja2"):
            engine.setdefault("OPTIONS", {})["undefined"] = jinja2.StrictUndefined
        else:
            engine.setdefault("OPTIONS", {})["string_if_invalid"] = _InvalidVariable()


class _InvalidVariable(str):
    def __new__(cls) -> "_InvalidVariable":
        return super().__new__(cls, "%s")

    def __mod__(self, name: object) -> str:
        raise AssertionError(f"Unknown template variable: {name}")


@pytest.fixture(autouse=True)
def _test_server_settings(settings: Any) -> None:
    """Static files from the source folders (no `collectstatic` before tests; tests/server
    checks the production storage), and no rate limit unless a test turns it on: the whole
    suite comes from one address."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.RATELIMIT_ENABLE = False


@pytest.fixture(autouse=True)
def _no_demo_data_known() -> None:
    """Pages ask once (then cache) whether demo rows are loaded: each test starts knowing there are none,
    so that query counts do not depend on which test ran before. Tests loading the demo region
    run its writer, which updates the answer."""
    from annuaire.directory import fictitious

    fictitious.remember(False)


@pytest.fixture(autouse=True)
def _taxonomy_vocabulary_not_loaded() -> None:
    """The search statistics cache the taxonomy's words for 10 minutes: each test starts
    without them, so that query counts do not depend on which test ran before."""
    from annuaire.insight import searches

    searches._vocabulary = (0.0, frozenset())


@pytest.fixture(scope="session", autouse=True)
def _immediate_tasks() -> Iterator[None]:
    """Background jobs run at once, inside the request, where a test is about a screen; the tests
    about the queue itself start a real worker process (tests/imports/test_background_worker.py)."""
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}):
        yield


@pytest.fixture
def keep_test_connection_open() -> Iterator[None]:
    """A request through the real WSGI handler closes the database connection at its start
    and end, which would end the test's transaction (PostgreSQL then answers the 503 page);
    Django's own test client disconnects it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
