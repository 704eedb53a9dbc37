"""Confirming that a structure's data is still true, and coming back after a delisting.

One click confirms an unchanged offer; changes go through the usual revision and review
(docs/publication.md), whose regional approval also counts as a confirmation. When every
offer of the structure is confirmed, the structure is: its next due date moves a year on.
A structure delisted by the cycle that confirms asks to come back; the region checks it
and reinstates it through the publication workflow (docs/adr/0027)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import DateField, Exists, OuterRef, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from annuaire.core import published
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, OfferQuerySet, PublicationEvent, Structure
from annuaire.directory.publication import (
    IN_REVIEW,
    Action,
    Actor,
    Level,
    TransitionNotAllowed,
    transition,
)
from annuaire.verification import mail, recipients
from annuaire.verification.models import Confirmation, ReinstatementRequest

_CONFIRMING_LEVELS = (Level.STRUCTURE, Level.TERRITORIAL, Level.REGIONAL)


def last_confirmed_expression() -> Coalesce:
    """The day a structure's data was last confirmed (its publication day if never)."""
    return Coalesce("last_verified_at", TruncDate("published_at"), TruncDate("created_at"), output_field=DateField())


def with_last_confirmed(structures: QuerySet[Structure]) -> QuerySet[Structure]:
    return structures.annotate(last_confirmed=last_confirmed_expression())


def last_confirmed(structure: Structure) -> date:
    annotated = getattr(structure, "last_confirmed", None)
    if annotated is not None:
        return annotated  # type: ignore[no-any-return]
    moment = structure.published_at or structure.created_at
    return structure.last_verified_at or moment.date()


def delisted_by_cycle(structure: Structure) -> OfferQuerySet:
    """Offers delisted with `structure` (by the cycle, or by the region at the same time):
    those that come back with it."""
    with_it = PublicationEvent.objects.filter(offer=OuterRef("pk"), action=Action.DELIST)
    if structure.status_changed_at is not None:
        with_it = with_it.filter(at__gte=structure.status_changed_at)
    return (
        Offer.objects.originals()
        .filter(structure=structure, status=PublicationStatus.DELISTED)
        .filter(Exists(with_it))
        .order_by("title", "pk")
    )


def offers_to_confirm(structure: Structure) -> OfferQuerySet:
    """The offers the structure answers for in this cycle."""
    if structure.status == PublicationStatus.DELISTED:
        return delisted_by_cycle(structure)
    return (
        Offer.objects.originals()
        .filter(structure=structure, status=PublicationStatus.PUBLISHED)
        .order_by("title", "pk")
    )


def is_answered(offer: Offer, since: date, pending_revision: bool = False) -> bool:
    """Confirmed after `since` (the structure's last confirmation), or changes under review."""
    return pending_revision or (offer.last_verified_at is not None and offer.last_verified_at > since)


def pending_revision_ids(offers: OfferQuerySet) -> set[int]:
    return set(
        Offer.objects.filter(revision_of__in=offers, status__in=IN_REVIEW).values_list("revision_of_id", flat=True)
    )


@dataclass
class Outcome:
    """What a confirmation did, for the message shown to the person."""

    structure_confirmed: bool = False
    reinstatement_requested: bool = False
    remaining: int = 0


def check_confirmer(structure: Structure, actor: Actor) -> None:
    if not any(actor.acts_at(level, structure) for level in _CONFIRMING_LEVELS):
        raise TransitionNotAllowed("Vous n'avez pas le rôle ou le territoire pour confirmer ces informations.")
    if structure.status not in (PublicationStatus.PUBLISHED, PublicationStatus.DELISTED):
        raise TransitionNotAllowed("Seule une structure publiée, ou retirée faute de confirmation, se confirme.")


@transaction.atomic
def confirm_offer(offer: Offer, actor: Actor, today: date) -> Outcome:
    """One click: `offer` is unchanged and still true on `today`."""
    structure = Structure.objects.select_for_update().get(pk=offer.structure_id)
    check_confirmer(structure, actor)
    if not offers_to_confirm(structure).filter(pk=offer.pk).exists():
        raise TransitionNotAllowed("Cette offre n'est pas à confirmer (elle n'est pas publiée).")
    Offer.objects.filter(pk=offer.pk).update(last_verified_at=today, updated_at=timezone.now())
    offer.last_verified_at = today
    Confirmation.objects.create(structure=structure, offer=offer, by=actor.user, on=today)
    return _settle(structure, actor, today)


@transaction.atomic
def confirm_structure(structure: Structure, actor: Actor, today: date) -> Outcome:
    """One click: everything the structure shows is unchanged and still true on `today`."""
    structure = Structure.objects.select_for_update().get(pk=structure.pk)
    check_confirmer(structure, actor)
    since = last_confirmed(structure)
    offers = offers_to_confirm(structure)
    pending = pending_revision_ids(offers)
    for offer in offers:
        if not is_answered(offer, since, offer.pk in pending):
            Offer.objects.filter(pk=offer.pk).update(last_verified_at=today, updated_at=timezone.now())
            Confirmation.objects.create(structure=structure, offer=offer, by=actor.user, on=today)
    return _settle(structure, actor, today)


def _settle(structure: Structure, actor: Actor, today: date) -> Outcome:
    # Offers' "vérifiée le" dates changed (updates skip the models' signals).
    published.changed()
    since = last_confirmed(structure)
    offers = offers_to_confirm(structure)
    pending = pending_revision_ids(offers)
    remaining = sum(1 for offer in offers if not is_answered(offer, since, offer.pk in pending))
    if remaining:
        return Outcome(remaining=remaining)
    Confirmation.objects.create(structure=structure, offer=None, by=actor.user, on=today)
    if structure.status == PublicationStatus.PUBLISHED:
        Structure.objects.filter(pk=structure.pk).update(last_verified_at=today, updated_at=timezone.now())
        structure.last_verified_at = today
        return Outcome(structure_confirmed=True)
    request = ReinstatementRequest.objects.pending().filter(structure=structure).first()
    if request is None:
        ReinstatementRequest.objects.create(structure=structure, requested_on=today, requested_by=actor.user)
        mail.send(
            "verification-reinstatement-request",
            recipients.emails(Level.REGIONAL, structure),
            {"structure": structure.name, "link": mail.absolute("/espace/verification/retablissements/")},
        )
    return Outcome(reinstatement_requested=True)


@transaction.atomic
def decide_reinstatement(
    request: ReinstatementRequest, actor: Actor, *, approve: bool, comment: str, today: date
) -> None:
    """The region reinstates the structure (and the offers the cycle delisted), or refuses, with a comment."""
    request = ReinstatementRequest.objects.select_for_update().select_related("structure").get(pk=request.pk)
    structure = request.structure
    if request.decision != ReinstatementRequest.Decision.PENDING:
        raise TransitionNotAllowed("Cette demande a déjà été traitée.")
    if not actor.acts_at(Level.REGIONAL, structure):
        raise TransitionNotAllowed("Seule l'administration régionale de la structure décide d'un rétablissement.")
    comment = (comment or "").strip()
    if not comment:
        raise TransitionNotAllowed("Écrivez un commentaire : il explique la décision à la structure.")
    if approve:
        offers = list(delisted_by_cycle(structure))
        transition(structure, Action.REINSTATE, actor, comment)
        for offer in offers:
            transition(offer, Action.REINSTATE, actor, comment)
        Offer.objects.filter(pk__in=[o.pk for o in offers]).update(last_verified_at=today, updated_at=timezone.now())
        Structure.objects.filter(pk=structure.pk).update(last_verified_at=today, updated_at=timezone.now())
        published.changed()
    ReinstatementRequest.objects.filter(pk=request.pk).update(
        decision=ReinstatementRequest.Decision.APPROVED if approve else ReinstatementRequest.Decision.REFUSED,
        decided_on=today,
        decided_by=actor.user,
        comment=comment,
    )
    if not approve:
        # A reinstatement is told by the workflow's own notifications (annuaire.notifications.workflow).
        mail.send(
            "verification-reinstatement-decision",
            recipients.structure_emails(structure),
            {"structure": structure.name, "approved": False, "comment": comment},
        )
