"""A whole year of daily runs on a small region, with a second run each day.

Three structures: one confirms after the first reminder, one never answers (delisted, then
comes back and is reinstated by the region), one confirmed late in the previous year."""

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User

from annuaire.accounts.access import actor_for
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, PublicationEvent, Structure
from annuaire.directory.publication import SYSTEM, Action
from annuaire.verification.confirmation import confirm_offer, decide_reinstatement
from annuaire.verification.cycle import run_cycle
from annuaire.verification.models import ReinstatementRequest, VerificationMessage
from tests.accounts.factories import referent
from tests.verification.conftest import listed
from tests.verification.helpers import sent

START = date(2027, 1, 1)


def rows(structure: Structure) -> list[tuple[str, date]]:
    return [
        (m.kind, m.sent_on) for m in VerificationMessage.objects.filter(structure=structure).order_by("sent_on", "pk")
    ]


def counts() -> tuple[int, ...]:
    return (
        Structure.objects.count(),
        Offer.objects.count(),
        PublicationEvent.objects.count(),
        VerificationMessage.objects.count(),
    )


def test_a_year_of_daily_runs(territory: dict[str, User], settings: Any) -> None:
    answers = listed("Association qui répond", date(2026, 3, 1))
    silent = listed("Association silencieuse", date(2026, 1, 10))
    late_year = listed("Association vérifiée en décembre", date(2026, 12, 20), offers=1)
    answers_referent, silent_referent = referent(answers), referent(silent)
    region = actor_for(territory["region"])

    previous = counts()
    day = START
    while day < START + timedelta(days=365):
        if day == date(2027, 2, 10):
            for offer in Offer.objects.filter(structure=answers):
                confirm_offer(offer, actor_for(answers_referent), day)
        if day == date(2027, 4, 2):
            for offer in Offer.objects.filter(structure=silent):
                confirm_offer(offer, actor_for(silent_referent), day)
        if day == date(2027, 4, 5):
            request = ReinstatementRequest.objects.get(structure=silent)
            decide_reinstatement(request, region, approve=True, comment="Coordonnées vérifiées.", today=day)

        run_cycle(day, export=False)
        after_first_run = (counts(), len(sent()))
        run_cycle(day, export=False)
        assert (counts(), len(sent())) == after_first_run, f"second run of {day} did something"
        assert all(now >= before for now, before in zip(counts(), previous, strict=True)), f"deleted on {day}"
        previous = counts()
        day += timedelta(days=1)

    # Confirmed after the 30-day reminder: no more reminders; the next cycle starts a year after the confirmation.
    assert rows(answers) == [
        ("demande", date(2027, 1, 15)),
        ("rappel-30", date(2027, 1, 30)),
        ("demande", date(2027, 12, 27)),
    ]
    answers.refresh_from_db()
    assert answers.status == PublicationStatus.PUBLISHED
    assert answers.last_verified_at == date(2027, 2, 10)

    # Never answered: a late request, the reminders a week apart, delisted two months after the due date.
    assert rows(silent) == [
        ("demande", date(2027, 1, 1)),
        ("rappel-7", date(2027, 1, 8)),
        ("echeance", date(2027, 1, 15)),
        ("retrait", date(2027, 3, 10)),
    ]
    delisting = PublicationEvent.objects.filter(structure=silent, action=Action.DELIST)
    assert delisting.count() == 3  # the structure and its two offers
    assert {event.actor_label for event in delisting} == {SYSTEM.label}
    # ...then confirmed, and reinstated by the region with its offers.
    silent.refresh_from_db()
    assert silent.status == PublicationStatus.PUBLISHED
    assert silent.last_verified_at == date(2027, 4, 5)
    assert set(Offer.objects.filter(structure=silent).values_list("status", flat=True)) == {PublicationStatus.PUBLISHED}
    assert PublicationEvent.objects.filter(structure=silent, action=Action.REINSTATE).count() == 3

    # Confirmed in December: the whole sequence before its due date, nothing else.
    assert rows(late_year) == [
        ("demande", date(2027, 11, 5)),
        ("rappel-30", date(2027, 11, 20)),
        ("rappel-15", date(2027, 12, 5)),
        ("rappel-7", date(2027, 12, 13)),
        ("echeance", date(2027, 12, 20)),
    ]

    mails = sent()
    to_silent = [subject for to, subject in mails if to == silent_referent.email]
    # One e-mail per step of the cycle (the automatic delisting writes one, not one per offer)...
    assert to_silent[:4] == [
        "Vérification annuelle de vos informations – Association silencieuse",
        "Rappel : confirmez vos informations avant le 10 janvier 2027 – Association silencieuse",
        "Échéance dépassée : confirmez vos informations – Association silencieuse",
        "« Association silencieuse » est retirée de l'annuaire faute de confirmation",
    ]
    # ...then the workflow tells the reinstatement of the structure and of its two offers.
    assert len(to_silent) == 7 and all("rétablie" in subject for subject in to_silent[4:])
    to_coordinator = [subject for to, subject in mails if to == territory["dac"].email]
    assert to_coordinator == ["Retrait automatique : « Association silencieuse » (informations non confirmées)"]
    to_region = [subject for to, subject in mails if to == territory["region"].email]
    assert to_region == ["Demande de rétablissement : « Association silencieuse »"]
