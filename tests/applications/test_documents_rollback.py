"""A step that fails after storing the documents leaves no file behind: the rows roll back, and
a private document that no application points at must not stay on the server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import DatabaseError, connection

from annuaire.applications import workflow
from annuaire.applications.criteria import CRITERION_CODES
from annuaire.applications.enums import ApplicationStatus, DocumentKind
from annuaire.applications.models import Acceptance, Application, ApplicationDocument, ApplicationEvent
from tests.accounts.factories import coordinator
from tests.applications.factories import application_fields, checked_pdf, submit_application

pytestmark = pytest.mark.django_db


@contextmanager
def database_refuses_inserts_into(table: str) -> Iterator[None]:
    """The database fails on the first INSERT into `table` (a full disk, a lost connection...)."""

    def refuse(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.lstrip().upper().startswith("INSERT") and table in sql:
            raise DatabaseError("simulated failure")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield


def stored_files(location: Path) -> list[Path]:
    return [path for path in location.rglob("*") if path.is_file()] if location.exists() else []


def test_a_submission_that_fails_after_its_documents_leaves_no_file(open_brittany: Any, _private_storage: Path) -> None:
    application = Application(**application_fields())
    documents = {kind: checked_pdf() for kind in DocumentKind.values}

    with pytest.raises(DatabaseError), database_refuses_inserts_into(Acceptance._meta.db_table):
        workflow.submit(workflow.Submission(application, documents), workflow.Signature("Anne Le Gall", "Présidente"))

    assert not Application.objects.exists()
    assert stored_files(_private_storage) == []


def test_a_resubmission_that_fails_keeps_only_the_earlier_documents(open_brittany: Any, _private_storage: Path) -> None:
    application = submit_application()
    reviewer = coordinator(departements="35")
    workflow.assess(application, dict.fromkeys(CRITERION_CODES, (False, "Incomplet")), by=reviewer)
    workflow.send_back(application, "Merci de compléter.", by=reviewer)
    before = sorted(stored_files(_private_storage))
    assert len(before) == len(DocumentKind.values)

    with pytest.raises(DatabaseError), database_refuses_inserts_into(ApplicationEvent._meta.db_table):
        workflow.resubmit(application, {DocumentKind.values[0]: checked_pdf("nouveau.pdf")}, None)

    assert sorted(stored_files(_private_storage)) == before
    assert ApplicationDocument.objects.filter(application=application).count() == len(DocumentKind.values)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RETURNED
