"""The application workflow: the one place that changes an application's status.

    submitted ──accept (all 8 criteria valid)──> accepted   (structure created as a draft,
        │  ▲                                                 referent invited)
        │  └──────resubmit (by the applicant)─── returned
        ├──send back (with the reasons)───────> returned
        └──refuse (with a written reason)─────> refused

Every way in (public form, back office, demo) calls these functions; each checks who may
act (role and territory, through `annuaire.applications.access`), runs in one transaction,
writes an `ApplicationEvent` and queues the e-mail of the step.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.utils import timezone

from annuaire.applications import access, emails, legal
from annuaire.applications.criteria import CRITERIA, CRITERION_CODES
from annuaire.applications.enums import ApplicationStatus, DocumentKind, LegalTextKind
from annuaire.applications.models import (
    Acceptance,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    CriterionAssessment,
)
from annuaire.applications.models.territory import applications_are_open
from annuaire.applications.uploads import CheckedPdf
from annuaire.audit.context import audit_reason
from annuaire.core.db import is_lock_conflict
from annuaire.directory.models import Structure

User = AbstractBaseUser | AnonymousUser


class ApplicationError(Exception):
    """A step refused, with the French message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Signature:
    """Who accepts the charter and the terms of use on behalf of the structure."""

    name: str
    function: str


@dataclass
class Submission:
    application: Application
    documents: dict[str, CheckedPdf] = field(default_factory=dict)


def closed_territory_message() -> str:
    return "Les candidatures ne sont pas encore ouvertes sur le territoire de cette commune."


def _actor(by: User | None) -> Any:
    """The account to record (None for the structure itself, not logged in)."""
    return by if by is not None and by.is_authenticated else None


def _event(application: Application, by: User | None, from_status: str, comment: str = "") -> None:
    ApplicationEvent.objects.create(
        application=application,
        actor=_actor(by),
        from_status=from_status,
        to_status=application.status,
        comment=comment,
    )


@contextmanager
def _files_removed_on_failure() -> Iterator[list[ApplicationDocument]]:
    """The documents stored in this block: if the block fails, its transaction rolls back and no
    row points at their files any more, so the files are deleted from storage too (private
    documents must not outlive their application)."""
    stored: list[ApplicationDocument] = []
    try:
        yield stored
    except BaseException:
        for document in stored:
            document.file.storage.delete(document.file.name)
        raise


def _store_documents(
    application: Application, documents: dict[str, CheckedPdf], stored: list[ApplicationDocument]
) -> None:
    for kind, pdf in documents.items():
        document = ApplicationDocument(
            application=application,
            kind=kind,
            original_name=pdf.original_name,
            size=len(pdf.content),
            sha256=pdf.sha256,
        )
        document.file.save("document.pdf", ContentFile(pdf.content), save=False)
        stored.append(document)
        document.save()


def _sign(application: Application, kinds: list[str], signature: Signature, by: User | None) -> None:
    Acceptance.objects.bulk_create(
        Acceptance(
            application=application,
            kind=kind,
            version=legal.current(kind).version,
            signatory_name=signature.name,
            signatory_function=signature.function,
            recorded_by=_actor(by),
        )
        for kind in kinds
    )


def submit(submission: Submission, signature: Signature, *, by: User | None = None) -> Application:
    """Record a new application and send the applicant its tracking link.

    `by` is the coordinator recording it for the structure (None: the structure itself)."""
    application = submission.application
    missing = [DocumentKind(kind).label for kind in DocumentKind.values if kind not in submission.documents]
    if missing:
        raise ApplicationError("Il manque un document : " + ", ".join(missing) + ".")
    if not applications_are_open(application.commune):
        raise ApplicationError(closed_territory_message())
    if by is not None and by.is_authenticated and not access.may_record_application(by, application):
        raise ApplicationError("Vous ne pouvez pas enregistrer une candidature sur ce territoire.")
    with _files_removed_on_failure() as stored, transaction.atomic():
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_at = timezone.now()
        application.recorded_by = _actor(by)
        application.save()
        _store_documents(application, submission.documents, stored)
        _sign(application, [LegalTextKind.CHARTER, LegalTextKind.TERMS], signature, by)
        _event(application, by, "")
        emails.application_received(application)
        emails.reviewers_notified(application, access.reviewer_emails(application), resubmitted=False)
    return application


def kinds_to_accept_again(application: Application) -> list[str]:
    """Texts whose current version this application has not accepted yet (a new version came out)."""
    accepted = set(application.acceptances.values_list("kind", "version"))
    return [kind for kind in LegalTextKind.values if (kind, legal.current(kind).version) not in accepted]


def resubmit(
    application: Application,
    documents: dict[str, CheckedPdf],
    signature: Signature | None,
    *,
    by: User | None = None,
) -> None:
    """The applicant completes a returned application: changed fields are saved by the caller's
    instance, new documents replace the previous ones (which are kept), and it waits again."""

    def step() -> None:
        with _files_removed_on_failure() as stored:
            resubmit_step(stored)

    def resubmit_step(stored: list[ApplicationDocument]) -> None:
        current = Application.objects.select_for_update().get(pk=application.pk)
        if current.status != ApplicationStatus.RETURNED:
            raise ApplicationError("Cette candidature n'est pas à compléter : elle ne peut pas être renvoyée.")
        to_sign = kinds_to_accept_again(current)
        if to_sign and signature is None:
            raise ApplicationError("Acceptez la nouvelle version de la charte et des conditions d'utilisation.")
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_at = timezone.now()
        application.save()
        _store_documents(application, documents, stored)
        if to_sign and signature is not None:
            _sign(application, to_sign, signature, by)
        _event(application, by, ApplicationStatus.RETURNED, "Candidature complétée par la structure.")
        emails.application_resubmitted(application)
        emails.reviewers_notified(application, access.reviewer_emails(application), resubmitted=True)

    _one_wins(step)


T = TypeVar("T")
_TRIES = 4


def _one_wins(step: Callable[[], T]) -> T:
    """Run one step in its own transaction. When another person's step holds the row (SQLite
    lock, PostgreSQL deadlock), wait a moment and run it again, so that it sees their decision
    and refuses with its own message; after a few tries, change nothing and say so in French."""
    for attempt in range(_TRIES):
        try:
            with transaction.atomic():
                return step()
        except OperationalError as error:
            if not is_lock_conflict(error):
                raise
            if attempt + 1 < _TRIES:
                time.sleep(random.uniform(0.02, 0.1) * (attempt + 1))
                continue
            raise ApplicationError(
                "Quelqu'un examine cette candidature en ce moment : "
                "rechargez la page dans un instant pour voir son état."
            ) from error
    raise AssertionError("unreachable")


def _locked_for_review(application: Application, by: User) -> Application:
    if not access.may_review(by, application):
        raise ApplicationError("Vous ne pouvez pas examiner cette candidature.")
    current = Application.objects.select_for_update().select_related("commune").get(pk=application.pk)
    if current.status != ApplicationStatus.SUBMITTED:
        raise ApplicationError(
            f"Cette candidature est « {current.get_status_display()} » : elle n'attend pas d'examen."
        )
    return current


def assess(application: Application, marks: dict[str, tuple[bool | None, str]], *, by: User) -> None:
    """Save the coordinator's marks: criterion code → (valid / not valid / not examined, comment)."""

    def step() -> None:
        current = _locked_for_review(application, by)
        for code, (is_valid, comment) in marks.items():
            if code not in CRITERION_CODES:
                raise ApplicationError(f"Critère inconnu : {code}.")
            CriterionAssessment.objects.update_or_create(
                application=current,
                criterion=code,
                defaults={"is_valid": is_valid, "comment": comment.strip(), "assessed_by": _actor(by)},
            )

    _one_wins(step)


def unmet_criteria(application: Application) -> list[str]:
    """Codes of the criteria not marked valid (an application is accepted only when this is empty)."""
    valid = set(application.assessments.filter(is_valid=True).values_list("criterion", flat=True))
    return [code for code in CRITERION_CODES if code not in valid]


def _decide(current: Application, by: User, status: str, reason: str) -> None:
    previous = current.status
    current.status = status
    current.decision_reason = reason
    current.decided_at = timezone.now()
    with audit_reason(reason or ApplicationStatus(status).label, user=by):
        current.save(update_fields=["status", "decision_reason", "decided_at", "structure", "updated_at"])
    _event(current, by, previous, reason)


def accept(application: Application, *, by: User) -> Structure:
    """Accept an application whose 8 criteria are all valid: the structure is created as a draft
    and its referent gets an account by invitation."""

    def step() -> Structure:
        current = _locked_for_review(application, by)
        if unmet_criteria(current):
            raise ApplicationError(
                "La candidature ne peut être acceptée que si les 8 critères sont valides. "
                "Renvoyez-la à la structure avec les raisons, ou refusez-la."
            )
        structure = access.create_structure(current, by=by)
        current.structure = structure
        _decide(current, by, ApplicationStatus.ACCEPTED, "")
        invitation_key = access.invite_referent(current, structure, by=by)
        emails.application_accepted(current, invitation_key)
        return structure

    structure = _one_wins(step)
    application.refresh_from_db()
    return structure


def renew_referent_invitation(application: Application, *, by: User) -> None:
    """Send the referent of an accepted application a new invitation link, when the first one
    expired or got lost before they created their password; earlier links stop working.
    Its reviewers (coordinator of the territory, regional administrator) may do it."""
    if not access.may_review(by, application):
        raise ApplicationError("Vous ne pouvez pas agir sur cette candidature.")
    with transaction.atomic():
        current = Application.objects.select_for_update(of=("self",)).select_related("structure").get(pk=application.pk)
        if current.status != ApplicationStatus.ACCEPTED or current.structure is None:
            raise ApplicationError("Seule une candidature acceptée a une personne référente à inviter.")
        user, _latest = access.referent_invitation_state(current)
        if user is None or not access.is_referent_of(user, current.structure):
            raise ApplicationError(
                f"{current.referent_email} n'est plus référente de {current.structure.name} : "
                "la structure peut inviter une autre personne depuis son espace."
            )
        key = access.renew_referent_invitation(user, current.structure, by=by)
        if key is None:
            raise ApplicationError(
                f"{current.referent_email} a déjà créé son mot de passe : cette personne peut se connecter "
                "(ou choisir « Mot de passe oublié » sur la page de connexion)."
            )
        inviter = by.get_full_name() or by.get_username()  # type: ignore[union-attr]
        emails.colleague_invited(current.referent_email, current.structure.name, inviter, key)


def send_back_reasons(application: Application, message: str) -> str:
    """The words sent with a return: the coordinator's message, then each criterion not valid
    with its comment."""
    by_code = {a.criterion: a for a in application.assessments.all()}
    lines = [message.strip()] if message.strip() else []
    for criterion in CRITERIA:
        assessment = by_code.get(criterion.code)
        if assessment is not None and assessment.is_valid is False:
            comment = f" : {assessment.comment}" if assessment.comment else ""
            lines.append(f"- Critère {criterion.number} ({criterion.label}){comment}")
    return "\n".join(lines)


def send_back(application: Application, reasons: str, *, by: User) -> None:
    reasons = reasons.strip()
    if not reasons:
        raise ApplicationError("Écrivez ce que la structure doit compléter.")

    def step() -> None:
        current = _locked_for_review(application, by)
        _decide(current, by, ApplicationStatus.RETURNED, reasons)
        emails.application_returned(current)

    _one_wins(step)
    application.refresh_from_db()


def refuse(application: Application, reason: str, *, by: User) -> None:
    reason = reason.strip()
    if not reason:
        raise ApplicationError("Un refus doit être motivé : écrivez la raison.")

    def step() -> None:
        current = _locked_for_review(application, by)
        _decide(current, by, ApplicationStatus.REFUSED, reason)
        emails.application_refused(current)

    _one_wins(step)
    application.refresh_from_db()
