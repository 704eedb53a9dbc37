"""Invitation links: single use, expiring, strong passwords; referents invite their colleagues."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from annuaire.accounts.models import Role, RoleKind
from annuaire.applications import workflow
from annuaire.applications.criteria import CRITERION_CODES
from annuaire.applications.models import Invitation
from annuaire.directory.models import Structure
from tests.accounts.factories import coordinator, referent
from tests.applications.factories import clear_outbox, outbox, page, submit_application
from tests.directory.factories import StructureFactory

pytestmark = pytest.mark.django_db

STRONG = "Soleil-de-Brocéliande-2026"


def accepted_structure() -> tuple[Structure, str]:
    """An accepted application; the invitation link of its referent (from the e-mail)."""
    application = submit_application()
    reviewer = coordinator(departements="35")
    workflow.assess(application, dict.fromkeys(CRITERION_CODES, (True, "")), by=reviewer)
    clear_outbox()
    structure = workflow.accept(application, by=reviewer)
    [message] = outbox(to=application.referent_email)
    [link] = [word for word in message.body.split() if "/compte/invitation/" in word]
    return structure, link.removeprefix("http://127.0.0.1:8000")


def test_the_referent_sets_a_password_once(client: Client, open_brittany: Any) -> None:
    structure, link = accepted_structure()
    user = Role.objects.get(structure=structure, kind=RoleKind.REFERENT).user

    assert client.get(link).status_code == 200
    response = client.post(link, {"new_password1": STRONG, "new_password2": STRONG})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(STRONG)
    second = client.post(link, {"new_password1": "Autre-mot-de-passe-99", "new_password2": "Autre-mot-de-passe-99"})
    assert second.status_code == 404
    assert "déjà servi" in page(second)
    user.refresh_from_db()
    assert user.check_password(STRONG)


def test_an_expired_link_no_longer_works(client: Client, open_brittany: Any) -> None:
    structure, link = accepted_structure()
    Invitation.objects.filter(structure=structure).update(expires_at=timezone.now() - timedelta(seconds=1))

    response = client.post(link, {"new_password1": STRONG, "new_password2": STRONG})

    assert response.status_code == 404
    assert "Ce lien a expiré" in page(response)
    assert not Role.objects.get(structure=structure, kind=RoleKind.REFERENT).user.has_usable_password()


def test_the_link_expires_after_the_configured_days(open_brittany: Any, settings: Any) -> None:
    structure, _link = accepted_structure()

    invitation = Invitation.objects.get(structure=structure)

    expected = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    assert abs((invitation.expires_at - expected).total_seconds()) < 60


def test_a_weak_password_is_refused_in_french(client: Client, open_brittany: Any) -> None:
    _structure, link = accepted_structure()

    response = client.post(link, {"new_password1": "12345678", "new_password2": "12345678"})

    assert response.status_code == 200
    assert "Ce mot de passe est trop courant" in page(response) or "entièrement numérique" in page(response)
    assert Invitation.objects.usable().exists()


def test_an_unknown_link_is_a_404_in_french(client: Client) -> None:
    response = client.get("/compte/invitation/inconnu/")

    assert response.status_code == 404
    assert "Ce lien d'invitation n'existe pas" in page(response)


def test_the_invitation_key_is_not_stored_in_clear(open_brittany: Any) -> None:
    _structure, link = accepted_structure()
    key = link.rstrip("/").rsplit("/", 1)[1]

    assert not Invitation.objects.filter(key_hash=key).exists()
    assert Invitation.objects.by_key(key) is not None


def test_a_referent_invites_a_colleague_as_a_member(client: Client) -> None:
    structure = StructureFactory()
    client.force_login(referent(structure))

    response = client.post(
        f"/espace/equipe/{structure.pk}/",
        {"first_name": "Katell", "last_name": "Riou", "email": "katell@example.org"},
    )

    assert response.status_code == 302
    colleague = User.objects.get(email="katell@example.org")
    assert Role.objects.filter(user=colleague, structure=structure, kind=RoleKind.MEMBER).exists()
    [message] = outbox()
    assert message.to == ["katell@example.org"]
    link = next(word for word in message.body.split() if "/compte/invitation/" in word)
    assert client.get(link.removeprefix("http://127.0.0.1:8000")).status_code == 200


def test_only_a_referent_of_the_structure_may_invite(client: Client) -> None:
    structure, other = StructureFactory(), StructureFactory()
    member = referent(other)
    client.force_login(member)

    assert client.get(f"/espace/equipe/{structure.pk}/").status_code == 404
    assert client.get(f"/espace/equipe/{other.pk}/").status_code == 200
