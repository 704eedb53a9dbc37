"""Documents are served only to the people who may review their application; 404 for everyone else."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from annuaire.accounts.models import RoleKind
from annuaire.applications.models import Application, ApplicationDocument
from annuaire.directory.enums import StructureKind
from tests.accounts.factories import coordinator, person, referent, regional_admin, with_totp
from tests.applications.factories import submit_application
from tests.directory.factories import StructureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def town_application(open_brittany: Any) -> Application:
    """An association of Rennes (35): reviewed by the DAC of Ille-et-Vilaine."""
    return submit_application(kind=StructureKind.ASSOCIATION)


def url_of(application: Application) -> str:
    document = ApplicationDocument.objects.filter(application=application).first()
    assert document is not None
    return f"/espace/candidatures/{application.pk}/documents/{document.pk}/"


def people() -> dict[str, User]:
    return {
        "dac35": with_totp(coordinator(departements="35")),
        "3c35": with_totp(coordinator(RoleKind.COORDINATOR_3C, departements="35")),
        "dac29": with_totp(coordinator(departements="29")),
        "admin53": with_totp(regional_admin("53")),
        "admin52": with_totp(regional_admin("52")),
        "referent": referent(StructureFactory()),
        "nobody": person(),
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("dac35", 200),  # the DAC of the territory: town structures of Ille-et-Vilaine
        ("admin53", 200),  # the regional administrator of Brittany
        ("3c35", 404),  # right territory, wrong level (3C see health establishments)
        ("dac29", 404),  # right level, wrong territory
        ("admin52", 404),  # another region
        ("referent", 404),  # a structure's referent
        ("nobody", 403),  # an account without any role (the back office says so)
    ],
)
def test_a_document_is_served_by_role_and_territory(
    client: Client, town_application: Application, who: str, expected: int
) -> None:
    client.force_login(people()[who])

    response = client.get(url_of(town_application))

    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]
        assert "attachment" in response["Content-Disposition"]


def test_an_establishment_s_documents_go_to_the_3c_not_the_dac(client: Client, open_brittany: Any) -> None:
    application = submit_application(kind=StructureKind.ETABLISSEMENT_SANTE)
    team = people()

    client.force_login(team["3c35"])
    assert client.get(url_of(application)).status_code == 200
    client.force_login(team["dac35"])
    assert client.get(url_of(application)).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(client: Client, town_application: Application) -> None:
    response = client.get(url_of(town_application))

    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_a_document_of_another_application_is_a_404(client: Client, open_brittany: Any) -> None:
    first, second = submit_application(), submit_application()
    document = ApplicationDocument.objects.filter(application=second).first()
    assert document is not None
    client.force_login(with_totp(coordinator(departements="35")))

    response = client.get(f"/espace/candidatures/{first.pk}/documents/{document.pk}/")

    assert response.status_code == 404


@pytest.mark.parametrize("path", ["", "{pk}/", "nouvelle/"])
def test_the_back_office_pages_are_404_for_a_structure_s_referent(
    client: Client, town_application: Application, path: str
) -> None:
    client.force_login(referent(StructureFactory()))

    assert client.get(f"/espace/candidatures/{path.format(pk=town_application.pk)}").status_code == 404


def test_the_detail_page_runs_a_constant_number_of_queries(
    client: Client, town_application: Application, django_assert_num_queries: Any
) -> None:
    client.force_login(with_totp(coordinator(departements="35")))

    with django_assert_num_queries(11):
        response = client.get(f"/espace/candidatures/{town_application.pk}/")

    assert response.status_code == 200


def test_the_queue_runs_a_constant_number_of_queries(
    client: Client, open_brittany: Any, django_assert_num_queries: Any
) -> None:
    for _ in range(3):
        submit_application()
    client.force_login(with_totp(coordinator(departements="35")))

    with django_assert_num_queries(7):
        response = client.get("/espace/candidatures/")

    assert response.status_code == 200
    assert len(response.context["applications"]) == 3


def test_the_tracking_page_runs_a_constant_number_of_queries(
    client: Client, town_application: Application, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(2):
        response = client.get(f"/candidature/suivi/{town_application.tracking_key}/")

    assert response.status_code == 200
