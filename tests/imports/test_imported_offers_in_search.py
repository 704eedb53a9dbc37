"""Offers written by an import reach the free-text search index like any other
(annuaire/directory/fulltext.py), on SQLite and PostgreSQL."""

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command

from annuaire.accounts.models import RoleKind
from annuaire.directory.models import Offer
from annuaire.directory.search import SearchCriteria
from tests.accounts.factories import coordinator, walk_to_publication
from tests.imports.conftest import csv_bytes, row

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    return [offer.title for offer in Offer.objects.search(SearchCriteria(text=text))]


def test_an_imported_offer_is_found_by_its_words_once_published_and_after_a_reviewed_reimport(
    write_file: Callable[..., Path],
) -> None:
    dac = coordinator(RoleKind.COORDINATOR_DAC, departements="29")

    def run(**cells: str) -> None:
        path = write_file(csv_bytes([row(**cells)]))
        call_command("import_offres", str(path), user=dac.username, stdout=io.StringIO())

    run()
    assert found("sophro quimper") == []  # a draft
    walk_to_publication(Offer.objects.get())
    assert found("sophro comite 29") == ["Séances de sophrologie"]

    run(offre_description="Des séances en petit groupe, le mardi.")
    assert found("mardi") == []  # reviewed before it shows
    walk_to_publication(Offer.objects.get(revision_of__isnull=False))
    assert found("petit groupe mardi") == ["Séances de sophrologie"]
