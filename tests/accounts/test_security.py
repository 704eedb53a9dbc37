"""Signing in: French pages in the site's layout, TOTP required for coordinators and
administrators (demo accounts excepted), rate-limited failures, strong passwords."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.template import engines
from django.test import Client

from annuaire.accounts.models import DemoAccount, RoleKind
from tests.accounts.factories import PASSWORD, coordinator, totp_code, with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _allauth_templates() -> Iterator[None]:
    """django-allauth's own templates (second-factor pages) read optional variables that may
    be missing: the strict check of our templates (tests/conftest.py) does not apply to them."""
    engine = engines["django"].engine  # type: ignore[attr-defined]
    strict, engine.string_if_invalid = engine.string_if_invalid, ""
    yield
    engine.string_if_invalid = strict


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def sign_in(client: Client, user: Any, password: str = PASSWORD) -> Any:
    return client.post("/compte/login/", {"login": user.username, "password": password}, follow=True)


def test_the_login_page_is_in_french_in_the_site_layout_and_mentions_demo_accounts(client: Client) -> None:
    page = client.get("/compte/login/").content.decode()
    assert '<html lang="fr">' in page and "Connexion à l'espace" in page
    assert 'class="site-header"' in page
    assert "Comptes de démonstration" in page and "sans second facteur" in page
    assert "<script>" not in page and "style=" not in page


def test_a_coordinator_signs_in_with_password_then_totp_code() -> None:
    user = with_totp(coordinator(RoleKind.COORDINATOR_DAC, departements="29"))
    client = Client()
    page = sign_in(client, user)
    assert page.redirect_chain[-1][0].startswith("/compte/2fa/authenticate")
    assert client.get("/espace/").status_code == 302  # not signed in yet
    client.post("/compte/2fa/authenticate/", {"code": totp_code(user)})
    assert client.get("/espace/").status_code == 200


def test_a_coordinator_without_totp_is_sent_to_set_it_up() -> None:
    user = coordinator(RoleKind.COORDINATOR_DAC, departements="29")
    client = Client()
    sign_in(client, user)
    response = client.get("/espace/")
    assert response.status_code == 302 and response["Location"] == "/compte/2fa/totp/activate/"
    # After confirming their password, they see the activation page (QR code and code field).
    page = client.get("/compte/2fa/totp/activate/", follow=True)
    if page.redirect_chain:
        page = client.post(page.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert page.request["PATH_INFO"] == "/compte/2fa/totp/activate/"
    html = page.content.decode()
    assert "Activer l'application d'authentification" in html and "data:image/svg+xml" in html


def test_a_demo_coordinator_may_skip_totp() -> None:
    user = coordinator(RoleKind.COORDINATOR_DAC, departements="29")
    DemoAccount.objects.create(user=user)
    client = Client()
    sign_in(client, user)
    assert client.get("/espace/").status_code == 200


def test_repeated_failed_logins_are_blocked(client: Client) -> None:
    user = coordinator(RoleKind.COORDINATOR_DAC, departements="29")
    for _ in range(5):
        sign_in(client, user, "mauvais-mot-de-passe")
    page = sign_in(client, user).content.decode()  # even the right password, for a while
    assert "Trop de tentatives" in page
    assert "_auth_user_id" not in client.session


def test_nobody_signs_up_by_themselves(client: Client) -> None:
    page = client.get("/compte/signup/").content.decode()
    assert "fermée" in page.lower() or "fermées" in page.lower()


def test_passwords_must_be_strong() -> None:
    with pytest.raises(ValidationError):
        validate_password("soleil2026")
    validate_password("Un-long-mot-de-passe-2026")


def test_sessions_end_with_the_browser_and_after_some_hours(settings: Any) -> None:
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_COOKIE_AGE <= 12 * 3600
