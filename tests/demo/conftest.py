from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from annuaire.demo import writer
from annuaire.demo.accounts import delete_demo_accounts


@pytest.fixture(scope="module")
def seeded_demo_region(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo region of `make setup` for a whole module (a few seconds), deleted afterwards
    so that other tests see an empty directory."""
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=StringIO())
    yield
    with django_db_blocker.unblock():
        writer.delete_demo()
        delete_demo_accounts()
