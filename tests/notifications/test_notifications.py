"""E-mails in French at each workflow step, through a database queue that survives SMTP failures."""

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from post_office.mail import send_queued
from post_office.models import STATUS, Email

from annuaire.accounts.access import actor_for
from annuaire.accounts.models import RoleKind
from annuaire.directory import publication
from annuaire.directory.enums import PublicationStatus as S
from annuaire.directory.publication import Action
from annuaire.notifications.notify import notify
from tests.accounts.factories import coordinator, referent, regional_admin
from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import QUIMPER, commune

pytestmark = pytest.mark.django_db


def deliver_with(settings: Any, backend: str) -> None:
    """What `manage.py send_queued_mail` does, one batch (the command then closes the database
    connection, which a test inside a transaction cannot)."""
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": backend}, "THREADS_PER_PROCESS": 1}
    send_queued(processes=1)


def test_submitting_tells_the_territorial_coordinator_in_french_text_and_html() -> None:
    structure = StructureFactory(commune=commune(QUIMPER))
    offer = OfferFactory(structure=structure, status=S.DRAFT, title="Yoga doux")
    dac = coordinator(RoleKind.COORDINATOR_DAC, departements="29")
    morbihan = coordinator(RoleKind.COORDINATOR_DAC, departements="56")  # not told: another territory
    three_c = coordinator(RoleKind.COORDINATOR_3C, departements="29")  # not told: establishments only
    publication.transition(offer, Action.SUBMIT, actor_for(referent(structure)))
    recipients = {address for email in Email.objects.all() for address in email.to}
    assert dac.email in recipients and not {morbihan.email, three_c.email} & recipients
    email = next(email for email in Email.objects.all() if email.to == [dac.email])
    assert "Yoga doux" in email.subject and "soumise à la validation territoriale" in email.subject.lower()
    assert "attend maintenant votre validation" in email.message
    assert f"/espace/offres/{offer.pk}/" in email.html_message and email.html_message.startswith("<!doctype html>")


def test_a_send_back_tells_the_structure_with_the_comment() -> None:
    structure = StructureFactory(commune=commune(QUIMPER))
    offer = OfferFactory(structure=structure, status=S.REGIONAL_REVIEW)
    people = referent(structure)
    publication.transition(offer, Action.SEND_BACK, actor_for(regional_admin()), "Indiquez le tarif.")
    email = Email.objects.get()
    assert email.to == [people.email] and "Indiquez le tarif." in email.message


def test_nothing_is_queued_when_the_change_is_refused() -> None:
    offer = OfferFactory(structure=StructureFactory(commune=commune(QUIMPER)), status=S.TERRITORIAL_REVIEW)
    coordinator(RoleKind.COORDINATOR_DAC, departements="29")
    with pytest.raises(publication.TransitionError):
        publication.transition(offer, Action.APPROVE_REGIONAL, actor_for(regional_admin()))
    assert not Email.objects.exists()


def test_with_the_smtp_server_down_nothing_is_lost_and_the_command_retries(settings: Any) -> None:
    notify(
        "transition",
        ["referente@example.org"],
        {
            "what": "l'offre « Yoga »",
            "structure": "Ligue",
            "step": "Publiée",
            "link": "x",
            "actor": "Région",
            "comment": "",
            "to_act": False,
        },
    )
    deliver_with(settings, "tests.notifications.backends.SmtpDown")
    email = Email.objects.get()
    assert email.status == STATUS.requeued and email.number_of_retries == 1  # kept for a retry
    assert mail.outbox == []
    Email.objects.update(scheduled_time=timezone.now() - timedelta(minutes=1))
    deliver_with(settings, "django.core.mail.backends.locmem.EmailBackend")
    assert Email.objects.get().status == STATUS.sent
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["referente@example.org"]
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_plain_text_parts_keep_apostrophes_and_ampersands_while_html_escapes_them() -> None:
    structure = StructureFactory(commune=commune(QUIMPER), name="L'Escale & Co")
    offer = OfferFactory(structure=structure, status=S.REGIONAL_REVIEW, title="Yoga <doux>")
    referent(structure)
    publication.transition(offer, Action.SEND_BACK, actor_for(regional_admin()), "Précisez l'adresse & le tarif.")
    email = Email.objects.get()
    assert "Yoga <doux>" in email.subject and "&lt;" not in email.subject
    assert "Précisez l'adresse & le tarif." in email.message and "&#x27;" not in email.message
    assert "Yoga &lt;doux&gt;" in email.html_message and "Yoga <doux>" not in email.html_message


def test_a_bulk_approval_writes_one_digest_per_person_not_one_email_per_offer() -> None:
    structure = StructureFactory(commune=commune(QUIMPER), name="Maison Escale")
    offers = [OfferFactory(structure=structure, status=S.REGIONAL_REVIEW, title=f"Atelier {n}") for n in range(5)]
    people = referent(structure)
    outcome = publication.bulk_transition(offers, Action.APPROVE_REGIONAL, actor_for(regional_admin()))
    assert len(outcome.done) == 5
    email = Email.objects.get(to=[people.email])
    assert Email.objects.count() == 1
    assert "5 changements" in email.subject
    assert all(f"Atelier {n}" in email.message and f"Atelier {n}" in email.html_message for n in range(5))


def test_a_bulk_step_concerning_a_person_once_sends_the_usual_email() -> None:
    first, second = (StructureFactory(commune=commune(QUIMPER)) for _ in range(2))
    offers = [OfferFactory(structure=s, status=S.REGIONAL_REVIEW, title=f"Soin de {s.name}") for s in (first, second)]
    one, other = referent(first), referent(second)
    publication.bulk_transition(offers, Action.APPROVE_REGIONAL, actor_for(regional_admin()))
    assert sorted(email.to[0] for email in Email.objects.all()) == sorted([one.email, other.email])
    email = Email.objects.get(to=[one.email])
    assert f"Soin de {first.name}" in email.subject and f"Soin de {second.name}" not in email.message


def test_a_batch_inside_a_rolled_back_transaction_tells_nobody() -> None:
    structure = StructureFactory(commune=commune(QUIMPER))
    offers = [OfferFactory(structure=structure, status=S.REGIONAL_REVIEW) for _ in range(2)]
    referent(structure)
    admin = actor_for(regional_admin())
    with pytest.raises(RuntimeError), transaction.atomic(), publication.batch():
        for offer in offers:
            publication.transition(offer, Action.APPROVE_REGIONAL, admin)
        raise RuntimeError("an import row fails: everything is undone")
    assert not Email.objects.exists()
    assert {o.status for o in type(offers[0]).objects.filter(pk__in=[o.pk for o in offers])} == {S.REGIONAL_REVIEW}
