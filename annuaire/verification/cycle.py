"""The daily verification cycle (`manage.py run_verification_cycle`, docs/adr/0027).

For every published structure whose due date is near or past: send the message owed today
(request, reminders, due-day notice), or, two months after the due date, delist the
structure and its offers through the publication workflow (journal included) and tell the
structure and its coordinators. Each message is a row (structure, cycle, kind) written in
the same transaction as the e-mail: a second run the same day finds the rows and does
nothing. Then the open-data files are regenerated."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import IntegrityError, transaction

from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, Structure
from annuaire.directory.publication import SYSTEM, Action, Level, TransitionError, transition
from annuaire.verification import mail, recipients
from annuaire.verification.confirmation import last_confirmed, last_confirmed_expression
from annuaire.verification.links import confirmation_link
from annuaire.verification.models import VerificationMessage
from annuaire.verification.schedule import (
    PERIOD_MONTHS,
    REQUEST_DAYS_BEFORE,
    MessageKind,
    add_months,
    delisting_day,
    due_date,
    message_to_send,
)

logger = logging.getLogger(__name__)


@dataclass
class CycleReport:
    today: date
    messages: list[tuple[int, str]] = field(default_factory=list)
    delisted: list[int] = field(default_factory=list)
    failures: list[tuple[int, str]] = field(default_factory=list)
    exported: bool = False


def structures_in_cycle(today: date) -> list[Structure]:
    """Published structures whose request day has come (the others owe nothing today)."""
    latest = add_months(today + timedelta(days=REQUEST_DAYS_BEFORE), -PERIOD_MONTHS)
    return list(
        Structure.objects.filter(status=PublicationStatus.PUBLISHED)
        .annotate(last_confirmed=last_confirmed_expression())
        .filter(last_confirmed__lte=latest)
        .select_related("commune__departement")
        .order_by("pk")
    )


def run_cycle(today: date, *, export: bool = True) -> CycleReport:
    """Everything owed on `today`; safe to run any number of times a day."""
    report = CycleReport(today)
    structures = structures_in_cycle(today)
    dues = {s.pk: due_date(last_confirmed(s)) for s in structures}
    sent: dict[tuple[int, date], dict[str, date]] = defaultdict(dict)
    for row in VerificationMessage.objects.filter(structure__in=structures, cycle_due__in=set(dues.values())):
        if dues.get(row.structure_id) == row.cycle_due:
            sent[(row.structure_id, row.cycle_due)][row.kind] = row.sent_on
    for structure in structures:
        due = dues[structure.pk]
        already = sent[(structure.pk, due)]
        delisting = delisting_day(due, already.get(MessageKind.REQUEST))
        try:
            if delisting is not None and today >= delisting:
                if delist(structure, due, today):
                    report.delisted.append(structure.pk)
                continue
            kind = message_to_send(due, today, already)
            if kind is not None and send_message(structure, due, kind, today):
                report.messages.append((structure.pk, kind))
        except (TransitionError, IntegrityError) as error:
            logger.warning("Vérification de la structure %s : %s", structure.pk, error)
            report.failures.append((structure.pk, str(error)))
    if export:
        from annuaire.opendata.export import export_opendata, opendata_dir

        export_opendata(opendata_dir())
        report.exported = True
    return report


@transaction.atomic
def send_message(structure: Structure, due: date, kind: str, today: date) -> bool:
    """Write the row and the e-mail together; False when the row already existed."""
    row, created = VerificationMessage.objects.get_or_create(
        structure=structure, cycle_due=due, kind=kind, defaults={"sent_on": today}
    )
    if not created:
        return False
    offers = list(
        Offer.objects.originals()
        .filter(structure=structure, status=PublicationStatus.PUBLISHED)
        .order_by("title")
        .values_list("title", flat=True)
    )
    addresses = mail.send(
        "verification-request",
        recipients.structure_emails(structure),
        {
            "structure": structure.name,
            "kind": kind,
            "is_request": kind == MessageKind.REQUEST,
            "days_left": (due - today).days,
            "due": due,
            "delisting": delisting_day(due, today if kind == MessageKind.REQUEST else _request_day(structure, due)),
            "last_confirmed": last_confirmed(structure),
            "offers": offers,
            "link": confirmation_link(structure.pk),
        },
    )
    VerificationMessage.objects.filter(pk=row.pk).update(recipients=", ".join(addresses))
    return True


def _request_day(structure: Structure, due: date) -> date | None:
    return (
        VerificationMessage.objects.filter(structure=structure, cycle_due=due, kind=MessageKind.REQUEST)
        .values_list("sent_on", flat=True)
        .first()
    )


@transaction.atomic
def delist(structure: Structure, due: date, today: date) -> bool:
    """Delist `structure` and its published offers (the system actor), tell its people and its
    coordinators; False when already done for this cycle."""
    row, created = VerificationMessage.objects.get_or_create(
        structure=structure, cycle_due=due, kind=MessageKind.DELISTED, defaults={"sent_on": today}
    )
    if not created:
        return False
    confirmed = last_confirmed(structure)
    comment = (
        f"Retrait automatique : informations non confirmées depuis le {confirmed:%d/%m/%Y} "
        f"(échéance le {due:%d/%m/%Y}, sans confirmation deux mois après)."
    )
    transition(structure, Action.DELIST, SYSTEM, comment)
    offers = list(Offer.objects.originals().filter(structure=structure, status=PublicationStatus.PUBLISHED))
    for offer in offers:
        offer.structure = structure
        transition(offer, Action.DELIST, SYSTEM, comment)
    context = {
        "structure": structure.name,
        "due": due,
        "last_confirmed": confirmed,
        "offers": [offer.title for offer in offers],
        "link": confirmation_link(structure.pk),
    }
    told = mail.send("verification-delisted", recipients.structure_emails(structure), context)
    told += mail.send("verification-delisted-coordinators", recipients.emails(Level.TERRITORIAL, structure), context)
    VerificationMessage.objects.filter(pk=row.pk).update(recipients=", ".join(told))
    return True
