"""Two coordinators deciding on the same application at the same time: one wins, nothing doubled."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from annuaire.applications import workflow
from annuaire.applications.enums import ApplicationStatus
from annuaire.applications.models import ApplicationEvent, PilotTerritory
from tests.accounts.factories import coordinator
from tests.applications.factories import submit_application
from tests.browser.conftest import (  # noqa: F401  (fixtures: reference data back after each flush)
    _reference_data,
    _reference_data_after_module,
    _reference_snapshot,
)


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_deciding_at_once_one_wins_and_nothing_is_doubled() -> None:
    PilotTerritory.objects.create(departement_id="35")
    application = submit_application()
    reviewers = [coordinator(departements="35") for _ in range(2)]
    ready = threading.Barrier(2)
    results: list[str] = []

    def decide(index: int) -> None:
        try:
            ready.wait(timeout=10)
            if index == 0:
                workflow.refuse(application, "Hors périmètre.", by=reviewers[index])
            else:
                workflow.send_back(application, "Complétez le projet de santé.", by=reviewers[index])
            results.append("won")
        except workflow.ApplicationError:
            results.append("refused")
        finally:
            connection.close()  # each thread has its own database connection

    threads = [threading.Thread(target=decide, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results) == ["refused", "won"]
    decisions = ApplicationEvent.objects.filter(application=application).exclude(to_status=ApplicationStatus.SUBMITTED)
    assert decisions.count() == 1
    application.refresh_from_db()
    assert application.status == decisions.get().to_status
