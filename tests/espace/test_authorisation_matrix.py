"""Every back-office URL × every role and territory: allowed, 404, 403 or sent to the login page.

The URLs are enumerated from the URL configuration: a URL under /espace/ (any namespace,
including those other features register there) that is not declared here fails the test."""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from annuaire.directory.models import Offer
from annuaire.imports.models import ImportRun
from tests.applications.matrix import application_matrix
from tests.espace.conftest import client_for
from tests.espace.matrix_structures import rows as structure_side_rows
from tests.verification.matrix_rows import rows as verification_rows

LOGIN, TOTP = "connexion", "activer le second facteur"
ROLES = (
    "anonyme",
    "sans-role",
    "referent",
    "dac-29",
    "dac-29-sans-totp",
    "3c-29",
    "dac-56",
    "region-53",
    "region-52",
)


def everyone(status: int | str, **exceptions: int | str) -> dict[str, int | str]:
    """`status` for people with a role, the login page for anonymous people, 403 without a role,
    the TOTP set-up page for a coordinator without a second factor."""
    expected: dict[str, int | str] = dict.fromkeys(ROLES, status)
    expected.update({"anonyme": LOGIN, "sans-role": 403, "dac-29-sans-totp": TOTP})
    expected.update({k.replace("_", "-"): v for k, v in exceptions.items()})
    return expected


def import_run_of_dac_29(fixture: Callable[[str], Any]) -> dict[str, Any]:
    owner = fixture("people")["dac-29"]
    run = ImportRun.objects.create(
        user=owner, username=owner.username, started_at=timezone.now(), file_name="offres.csv", sha256="0" * 64
    )
    return {"pk": run.pk}


def territory(status: int | str) -> dict[str, int | str]:
    """The waiting offer (a town structure in Finistère): its referent, the DAC of Finistère and
    the Breton region see it; the 3C (establishments only), Morbihan and another region get 404."""
    return everyone(404, referent=status, dac_29=status, region_53=status)


# name → (method, needs the offer's pk or builds its URL arguments from fixtures, form data, expected by role)
URLArguments = bool | Callable[[Callable[[str], Any]], dict[str, Any]]
MATRIX: dict[str, tuple[str, URLArguments, dict[str, Any], dict[str, int | str]]] = {
    "espace:dashboard": ("GET", False, {}, everyone(200)),
    "espace:queue": ("GET", False, {}, everyone(200)),
    "espace:bulk_approve": ("POST", False, {}, everyone(302)),
    "espace:journal": ("GET", False, {}, everyone(200)),
    "espace:offer_review": ("GET", True, {}, territory(200)),
    "espace:offer_decide": ("POST", True, {"action": "rien"}, territory(302)),
    **application_matrix(everyone),
    # The network's screens (annuaire.insight): administrators and coordinators, each for their
    # territory; a structure referent has none.
    **{
        f"reseau:{name}": ("GET", False, {}, everyone(200, referent=403))
        for name in [
            "coverage",
            "coverage_csv",
            "coverage_xlsx",
            "searches",
            "searches_csv",
            "searches_xlsx",
            "figures",
            "figures_csv",
            "figures_xlsx",
        ]
    },
    **structure_side_rows(everyone, territory),
    # The import screen (annuaire.imports): coordinators and regional administrators; not a referent.
    "imports:import": ("GET", False, {}, everyone(200, referent=403)),
    # An import's page: only the person who started it (here the DAC of Finistère); other
    # importers get 404, whatever their territory.
    "imports:run": ("GET", import_run_of_dac_29, {}, everyone(404, referent=403, dac_29=200)),
}
# The verification rows build their URL arguments from the waiting offer.
MATRIX.update(
    {
        name: (method, (lambda get, f=kwargs: f(get("waiting_offer"))) if callable(kwargs) else kwargs, data, expected)
        for name, (method, kwargs, data, expected) in verification_rows(everyone, territory).items()
    }
)


def espace_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], prefix: str, namespace: str, under_espace: bool) -> None:
        for item in patterns:
            route = prefix + str(item.pattern)
            if isinstance(item, URLResolver):
                inner = f"{namespace}:{item.namespace}".strip(":") if item.namespace else namespace
                walk(item.url_patterns, route, inner, under_espace or route.startswith("espace/"))
            elif isinstance(item, URLPattern) and (under_espace or route.startswith("espace/")):
                names.add(f"{namespace}:{item.name}" if namespace else str(item.name))

    walk(get_resolver().url_patterns, "", "", False)
    return names


def test_every_back_office_url_is_declared_in_the_matrix() -> None:
    assert espace_url_names() == set(MATRIX)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_and_territory_gets_what_the_matrix_says(
    name: str, people: dict[str, Any], waiting_offer: Offer, request: pytest.FixtureRequest
) -> None:
    method, with_pk, data, expected = MATRIX[name]
    if callable(with_pk):
        url = reverse(name, kwargs=with_pk(request.getfixturevalue))
    else:
        url = reverse(name, kwargs={"pk": waiting_offer.pk} if with_pk else None)
    got: dict[str, int | str] = {}
    for role in ROLES:
        client = client_for(people[role])
        response = client.post(url, data) if method == "POST" else client.get(url)
        location = response["Location"] if response.status_code == 302 else ""
        if location.startswith(reverse("account_login") + "?"):
            got[role] = LOGIN
        elif location == reverse("mfa_activate_totp"):
            got[role] = TOTP
        else:
            got[role] = response.status_code
    assert got == expected
