"""With the database stopped or locked, pages answer a friendly French 503 page (no stack
trace) and the site recovers without a restart once the database is back."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.db.utils import InterfaceError, OperationalError
from django.test import Client
from django.urls import reverse

from tests.server.helpers import run_python

pytestmark = pytest.mark.django_db

UNAVAILABLE = "L'annuaire est momentanément indisponible."


@contextmanager
def database_failing(error: Exception) -> Iterator[None]:
    """Every SQL statement fails as a stopped or locked database makes it fail."""

    def fail(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        raise error

    with connection.execute_wrapper(fail):
        yield


@pytest.mark.parametrize(
    "error",
    [OperationalError("database is locked"), InterfaceError("connection already closed")],
    ids=["locked", "closed"],
)
def test_a_page_answers_the_french_503_page_then_recovers(client: Client, error: Exception) -> None:
    with database_failing(error):
        response = client.get(reverse("www:search"))
    assert response.status_code == 503
    html = response.content.decode()
    assert UNAVAILABLE.replace("'", "&#x27;") in html
    assert "Traceback" not in html and "database is locked" not in html
    assert response["Retry-After"] == "60"
    assert client.get(reverse("www:search")).status_code == 200


def test_the_api_answers_a_json_503(client: Client) -> None:
    with database_failing(OperationalError("could not connect to server")):
        response = client.get(reverse("api:offers"))
    assert response.status_code == 503
    assert response.json() == {
        "message": f"{UNAVAILABLE} Merci de réessayer dans quelques minutes : vos informations n'ont pas été perdues."
    }


RECOVERY = """
import django, os
django.setup()
from django.core.management import call_command
from django.test import Client
call_command("collectstatic", interactive=False, verbosity=0)
client = Client()
print(client.get("/").status_code)
os.makedirs(os.environ["DB_DIR"])
call_command("migrate", verbosity=0)
print(client.get("/").status_code)
"""


def test_a_database_that_comes_back_is_used_without_restarting(tmp_path: Path) -> None:
    """A real SQLite file that cannot be opened (its folder is missing), then appears."""
    folder = tmp_path / "absent"
    env = {
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DB_DIR": str(folder),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    result = run_python(RECOVERY, env)
    assert result.stdout.split() == ["503", "200"], result.stderr[-2000:]
