"""The application flow's back-office URLs, declared in the authorisation matrix
(tests/espace/test_authorisation_matrix.py): an application of a town structure of Quimper
(Finistère), so the DAC of Finistère and the Breton region may act on it, nobody else."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from annuaire.applications.models import Application, ApplicationDocument, PilotTerritory
from tests.applications.factories import submit_application
from tests.geo.factories import QUIMPER, commune

Fixture = Callable[[str], Any]


def _application(fixture: Fixture) -> Application:
    PilotTerritory.objects.get_or_create(departement_id="29", closed_at=None)
    return submit_application(commune=commune(QUIMPER), postal_code="29000")


def application_pk(fixture: Fixture) -> dict[str, Any]:
    return {"pk": _application(fixture).pk}


def document_pks(fixture: Fixture) -> dict[str, Any]:
    application = _application(fixture)
    document = ApplicationDocument.objects.filter(application=application).first()
    assert document is not None
    return {"pk": application.pk, "document_pk": document.pk}


def territory_pk(fixture: Fixture) -> dict[str, Any]:
    territory, _created = PilotTerritory.objects.get_or_create(departement_id="29", closed_at=None)
    return {"pk": territory.pk}


def structure_pk(fixture: Fixture) -> dict[str, Any]:
    return {"structure_pk": fixture("waiting_offer").structure_id}


def application_matrix(everyone: Callable[..., dict[str, int | str]]) -> dict[str, Any]:
    """name → (method, URL arguments, form data, expected by role), as the matrix reads them."""
    reviewers = {"dac_29": 200, "region_53": 200}
    return {
        "candidatures:queue": ("GET", False, {}, everyone(200, referent=404)),
        "candidatures:record": ("GET", False, {}, everyone(200, referent=404)),
        "candidatures:detail": ("GET", application_pk, {}, everyone(404, **reviewers)),
        "candidatures:decide": ("POST", application_pk, {"decision": "rien"}, everyone(404, dac_29=302, region_53=302)),
        "candidatures:renew_invitation": (
            "POST",
            application_pk,
            {},
            everyone(404, dac_29=302, region_53=302),
        ),
        "candidatures:document": ("GET", document_pks, {}, everyone(404, **reviewers)),
        "candidatures:territories": ("GET", False, {}, everyone(404, region_53=200, region_52=200)),
        "candidatures:close_territory": ("POST", territory_pk, {}, everyone(404, region_53=302)),
        "equipe:team": ("GET", structure_pk, {}, everyone(404, referent=200)),
    }
