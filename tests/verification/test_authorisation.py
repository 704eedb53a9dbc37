"""Every verification page × every role and territory (until the back office's own matrix,
tests/espace/test_authorisation_matrix.py, takes these rows from tests/verification/matrix_rows.py)."""

from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from annuaire.accounts.models import RoleKind
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer
from annuaire.geo.models import Region
from tests.accounts.factories import coordinator, person, referent, regional_admin
from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import QUIMPER, commune
from tests.verification.matrix_rows import rows

LOGIN = "connexion"
ROLES = ("anonyme", "sans-role", "referent", "dac-29", "3c-29", "dac-56", "region-53", "region-52")


def everyone(status: int | str, **exceptions: int | str) -> dict[str, int | str]:
    expected: dict[str, int | str] = dict.fromkeys(ROLES, status)
    expected.update({"anonyme": LOGIN, "sans-role": 403})
    expected.update({k.replace("_", "-"): v for k, v in exceptions.items()})
    return expected


def territory(status: int | str) -> dict[str, int | str]:
    return everyone(404, referent=status, dac_29=status, region_53=status)


MATRIX = rows(everyone, territory)


@pytest.fixture
def waiting_offer(db: Any) -> Offer:
    structure = StructureFactory(name="Association de Quimper", commune=commune(QUIMPER))
    return OfferFactory(structure=structure, status=PublicationStatus.TERRITORIAL_REVIEW, title="Yoga doux")


@pytest.fixture
def people(waiting_offer: Offer) -> dict[str, User | None]:
    Region.objects.get_or_create(code="52", defaults={"name": "Pays de la Loire"})
    return {
        "anonyme": None,
        "sans-role": person(),
        "referent": referent(waiting_offer.structure),
        "dac-29": coordinator(RoleKind.COORDINATOR_DAC, departements="29"),
        "3c-29": coordinator(RoleKind.COORDINATOR_3C, departements="29"),
        "dac-56": coordinator(RoleKind.COORDINATOR_DAC, departements="56"),
        "region-53": regional_admin("53"),
        "region-52": regional_admin("52"),
    }


def test_every_verification_page_is_in_the_matrix() -> None:
    resolver = get_resolver().namespace_dict["verification"][1]
    names = {f"verification:{p.name}" for p in resolver.url_patterns if isinstance(p, URLPattern)}
    assert names == set(MATRIX)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_and_territory_gets_what_the_matrix_says(
    name: str, people: dict[str, Any], waiting_offer: Offer
) -> None:
    method, kwargs, data, expected = MATRIX[name]
    url = reverse(name, kwargs=kwargs(waiting_offer) if callable(kwargs) else None)
    login = resolve_url(settings.LOGIN_URL)
    got: dict[str, int | str] = {}
    for role in ROLES:
        client = Client()
        if people[role] is not None:
            client.force_login(people[role])
        response = client.post(url, data) if method == "POST" else client.get(url)
        is_login = response.status_code == 302 and response["Location"].startswith(login + "?")
        got[role] = LOGIN if is_login else response.status_code
    assert got == expected
