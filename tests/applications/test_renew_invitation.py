"""A referent whose invitation link expired (or got lost) gets a new one from the coordinator:
the application's page says where their account stands and sends a fresh link."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from annuaire.accounts.models import Role, RoleKind
from annuaire.applications import workflow
from annuaire.applications.criteria import CRITERION_CODES
from annuaire.applications.models import Application, Invitation
from annuaire.applications.workflow import ApplicationError
from tests.accounts.factories import coordinator, with_totp
from tests.applications.factories import clear_outbox, outbox, page, submit_application

pytestmark = pytest.mark.django_db

STRONG = "Soleil-de-Brocéliande-2026"


def accepted(reviewer: Any) -> Application:
    application = submit_application()
    workflow.assess(application, dict.fromkeys(CRITERION_CODES, (True, "")), by=reviewer)
    workflow.accept(application, by=reviewer)
    application.refresh_from_db()
    clear_outbox()
    return application


def link_in(body: str) -> str:
    return next(word for word in body.split() if "/compte/invitation/" in word).removeprefix("http://127.0.0.1:8000")


def expire_invitations(application: Application) -> None:
    Invitation.objects.filter(structure=application.structure).update(expires_at=timezone.now() - timedelta(hours=1))


def test_the_page_of_an_accepted_application_says_the_referent_link_expired(client: Client, open_brittany: Any) -> None:
    reviewer = with_totp(coordinator(departements="35"))
    application = accepted(reviewer)
    expire_invitations(application)
    client.force_login(reviewer)

    text = page(client.get(f"/espace/candidatures/{application.pk}/"))

    assert "n'a pas encore créé son mot de passe" in text
    assert "n'est plus valable" in text
    assert "Envoyer un nouveau lien d'invitation" in text


def test_the_coordinator_sends_a_new_link_that_works_and_the_old_one_stops(client: Client, open_brittany: Any) -> None:
    reviewer = with_totp(coordinator(departements="35"))
    application = submit_application()
    workflow.assess(application, dict.fromkeys(CRITERION_CODES, (True, "")), by=reviewer)
    clear_outbox()
    workflow.accept(application, by=reviewer)
    first_link = link_in(outbox(to=application.referent_email)[0].body)
    clear_outbox()
    client.force_login(reviewer)

    response = client.post(f"/espace/candidatures/{application.pk}/invitation/")

    assert response.status_code == 302
    assert "Un nouveau lien d'invitation est envoyé" in page(client.get(response["Location"]))
    [message] = outbox(to=application.referent_email)
    new_link = link_in(message.body)
    assert new_link != first_link
    visitor = Client()
    assert visitor.get(first_link).status_code == 404
    assert visitor.post(new_link, {"new_password1": STRONG, "new_password2": STRONG}).status_code == 302
    referent = Role.objects.get(structure=application.structure, kind=RoleKind.REFERENT).user
    assert referent.check_password(STRONG)


def test_no_new_link_once_the_referent_has_a_password(open_brittany: Any) -> None:
    reviewer = coordinator(departements="35")
    application = accepted(reviewer)
    referent = Role.objects.get(structure=application.structure, kind=RoleKind.REFERENT).user
    referent.set_password(STRONG)
    referent.save()
    before = Invitation.objects.count()

    with pytest.raises(ApplicationError, match="a déjà créé son mot de passe"):
        workflow.renew_referent_invitation(application, by=reviewer)

    assert Invitation.objects.count() == before
    assert outbox() == []


def test_no_link_for_an_application_that_is_not_accepted(open_brittany: Any) -> None:
    reviewer = coordinator(departements="35")
    application = submit_application()

    with pytest.raises(ApplicationError, match="Seule une candidature acceptée"):
        workflow.renew_referent_invitation(application, by=reviewer)

    assert not Invitation.objects.exists()


def test_no_link_when_the_person_is_no_longer_referent(open_brittany: Any) -> None:
    reviewer = coordinator(departements="35")
    application = accepted(reviewer)
    Role.objects.filter(structure=application.structure, kind=RoleKind.REFERENT).delete()
    before = Invitation.objects.count()

    with pytest.raises(ApplicationError, match="n'est plus référente"):
        workflow.renew_referent_invitation(application, by=reviewer)

    assert Invitation.objects.count() == before


def test_a_coordinator_of_another_territory_cannot_send_a_link(open_brittany: Any) -> None:
    application = accepted(coordinator(departements="35"))
    expire_invitations(application)
    before = Invitation.objects.count()

    with pytest.raises(ApplicationError, match="Vous ne pouvez pas agir"):
        workflow.renew_referent_invitation(application, by=coordinator(departements="29"))

    assert Invitation.objects.count() == before
    assert outbox() == []
