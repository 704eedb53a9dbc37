"""Changing a published offer: small corrections apply at once, the rest goes through review.

While the changes of substance are reviewed, the published version stays visible: they
live on a working copy (`Offer.revision_of` = the published offer), which walks the usual
workflow; its regional approval copies it onto the published offer and deletes the copy
(its journal moves to the offer). See docs/publication.md and docs/adr/0010.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, Place, PublicationEvent
from annuaire.directory.publication.actors import Actor
from annuaire.directory.publication.rules import EDITABLE, Level
from annuaire.directory.publication.workflow import TransitionNotAllowed
from annuaire.directory.validation import validate_offer
from annuaire.taxonomy.models import SubCategory

# Practical details a structure corrects without a new review (they change no promise made
# to patients about the care itself).
DIRECT_FIELDS = frozenset({"contact_phone", "contact_email", "schedule", "opening_hours"})
# Texts where fixing a typo (at most TYPO_MAX_CHARACTERS characters changed) applies directly.
TYPO_FIELDS = frozenset({"title", "description", "how_to_access", "cost_details"})
TYPO_MAX_CHARACTERS = 3
# Never copied between an offer and its revision.
_OWN_FIELDS = frozenset(
    {
        "id",
        "uuid",
        "status",
        "status_changed_at",
        "published_at",
        "last_verified_at",
        "created_at",
        "updated_at",
        "search_text",
        "is_public",  # kept by the database from the row's own status (annuaire/directory/visibility.py)
        "revision_of",
        "structure",
    }
)
_EDIT_LEVELS = (Level.STRUCTURE, Level.TERRITORIAL, Level.REGIONAL)


def copied_fields() -> list[str]:
    return [f.name for f in Offer._meta.concrete_fields if f.name not in _OWN_FIELDS]


def characters_changed(before: str, after: str) -> int:
    """How many characters were inserted, deleted or replaced from `before` to `after`."""
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def is_direct_correction(name: str, before: Any, after: Any) -> bool:
    """True when changing field `name` from `before` to `after` needs no new review."""
    if name in DIRECT_FIELDS:
        return True
    if name in TYPO_FIELDS and isinstance(before, str) and isinstance(after, str):
        return 0 < characters_changed(before, after) <= TYPO_MAX_CHARACTERS
    return False


@dataclass
class ChangeSet:
    direct: dict[str, Any] = field(default_factory=dict)
    substantive: dict[str, Any] = field(default_factory=dict)
    links_changed: bool = False

    @property
    def needs_review(self) -> bool:
        return bool(self.substantive) or self.links_changed


def classify_changes(
    offer: Offer,
    values: dict[str, Any],
    subcategories: Iterable[SubCategory] | None = None,
    places: Iterable[Place] | None = None,
) -> ChangeSet:
    """Split the edited `values` (field name → new value) of a published offer."""
    changes = ChangeSet()
    for name, after in values.items():
        before = getattr(offer, name)
        if before == after:
            continue
        (changes.direct if is_direct_correction(name, before, after) else changes.substantive)[name] = after
    if subcategories is not None:
        changes.links_changed |= {s.pk for s in subcategories} != {s.pk for s in offer.subcategories.all()}
    if places is not None:
        changes.links_changed |= {p.pk for p in places} != {p.pk for p in offer.places.all()}
    return changes


def open_revision(offer: Offer) -> Offer | None:
    return Offer.objects.filter(revision_of=offer).first()


@transaction.atomic
def propose_changes(
    offer: Offer,
    values: dict[str, Any],
    actor: Actor,
    *,
    subcategories: Iterable[SubCategory] | None = None,
    places: Iterable[Place] | None = None,
) -> Offer | None:
    """Edit a published offer: direct corrections are saved on it at once; changes of
    substance go to its working copy (created if needed, left in draft for the structure to
    submit), which is returned. None when everything applied directly.

    Raises `ValidationError` (French, by field) if the result would break a rule."""
    if offer.status != PublicationStatus.PUBLISHED or offer.revision_of_id is not None:
        raise TransitionNotAllowed("Seule une offre publiée se modifie par une révision ; modifiez ce brouillon.")
    _check_editor(offer, actor)
    subs = list(subcategories) if subcategories is not None else None
    where = list(places) if places is not None else None
    changes = classify_changes(offer, values, subs, where)
    if changes.direct:
        for name, value in changes.direct.items():
            setattr(offer, name, value)
        validate_offer(offer)
        offer.save()
    if not changes.needs_review:
        return None
    revision = open_revision(offer) or start_revision(offer, actor)
    if revision.status not in EDITABLE:
        raise TransitionNotAllowed(
            "Des modifications de cette offre sont déjà en cours de validation : reprenez-les en brouillon "
            "ou attendez la décision."
        )
    for name, value in values.items():
        setattr(revision, name, value)
    final_subs = subs if subs is not None else list(revision.subcategories.all())
    final_places = where if where is not None else list(revision.places.all())
    validate_offer(revision, subcategories=final_subs, places=final_places)
    revision.save()
    revision.subcategories.set(final_subs)
    revision.places.set(final_places)
    return revision


@transaction.atomic
def start_revision(offer: Offer, actor: Actor) -> Offer:
    """A working copy of published `offer`, in draft, with its links."""
    _check_editor(offer, actor)
    existing = open_revision(offer)
    if existing is not None:
        return existing
    revision = Offer(structure=offer.structure, revision_of=offer, status=PublicationStatus.DRAFT)
    for name in copied_fields():
        setattr(revision, name, getattr(offer, name))
    revision.save()
    revision.subcategories.set(offer.subcategories.all())
    revision.places.set(offer.places.all())
    return revision


def apply_revision(revision: Offer) -> Offer:
    """Copy an approved revision onto its published offer; called by the regional approval."""
    assert revision.revision_of_id is not None
    original = Offer.objects.select_for_update().get(pk=revision.revision_of_id)
    for name in copied_fields():
        setattr(original, name, getattr(revision, name))
    original.last_verified_at = timezone.localdate()
    original.save()
    original.subcategories.set(revision.subcategories.all())
    original.places.set(revision.places.all())
    PublicationEvent.objects.filter(offer=revision).update(offer=original)
    revision.delete()
    return original


@transaction.atomic
def discard_revision(revision: Offer, actor: Actor) -> None:
    """Drop pending changes; the published offer stays as it is."""
    if revision.revision_of_id is None:
        raise TransitionNotAllowed("Cette offre n'est pas une révision en cours.")
    _check_editor(revision, actor)
    revision.delete()


def _check_editor(offer: Offer, actor: Actor) -> None:
    if not any(actor.acts_at(level, offer.structure) for level in _EDIT_LEVELS):
        raise TransitionNotAllowed("Vous n'avez pas le rôle ou le territoire pour modifier cette offre.")
