"""The coordinator of the territory marks the 8 criteria; acceptance only when all are valid."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from annuaire.accounts.models import Role, RoleKind
from annuaire.applications import workflow
from annuaire.applications.criteria import CRITERION_CODES
from annuaire.applications.enums import ApplicationStatus
from annuaire.applications.models import Application, Invitation
from annuaire.applications.workflow import ApplicationError
from annuaire.audit.history import history_of, reason_of
from annuaire.directory.enums import PublicationStatus, StructureKind
from annuaire.directory.models import Structure
from tests.accounts.factories import coordinator, regional_admin, with_totp
from tests.applications.factories import clear_outbox, outbox, page, submit_application
from tests.directory.factories import StructureFactory
from tests.geo.factories import BREST, commune

pytestmark = pytest.mark.django_db


def all_valid() -> dict[str, str]:
    return {f"{code}-etat": "valide" for code in CRITERION_CODES}


def test_the_grid_shows_the_8_criteria_with_their_indicators(client: Client, open_brittany: Any) -> None:
    application = submit_application()
    client.force_login(with_totp(coordinator(departements="35")))

    text = page(client.get(f"/espace/candidatures/{application.pk}/"))

    for number in range(1, 9):
        assert f"Critère {number} :" in text
    assert "Présence de la cancérologie dans le projet" in text
    assert "Diplôme permettant d'exercer en cancérologie" in text
    assert "120 personnes atteintes de cancer par an" in text


def test_an_application_is_accepted_only_when_all_8_criteria_are_valid(client: Client, open_brittany: Any) -> None:
    application = submit_application()
    client.force_login(with_totp(coordinator(departements="35")))
    marks = all_valid() | {"recrutement-etat": "non-valide", "recrutement-commentaire": "Pas de diplôme demandé."}
    client.post(f"/espace/candidatures/{application.pk}/", marks)

    response = client.post(f"/espace/candidatures/{application.pk}/decision/", {"decision": "accepter"}, follow=True)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.structure is None
    assert "ne peut être acceptée que si les 8 critères sont valides" in page(response)


def test_accepting_creates_the_structure_as_a_draft_and_invites_the_referent(
    client: Client, open_brittany: Any
) -> None:
    application = submit_application(name="Asso des Lilas")
    client.force_login(with_totp(coordinator(departements="35")))
    client.post(f"/espace/candidatures/{application.pk}/", all_valid())
    clear_outbox()

    client.post(f"/espace/candidatures/{application.pk}/decision/", {"decision": "accepter"})

    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    structure = application.structure
    assert structure is not None
    assert structure.name == "Asso des Lilas"
    assert structure.status == PublicationStatus.DRAFT
    assert structure.referent_email == application.referent_email
    referent_role = Role.objects.get(structure=structure, kind=RoleKind.REFERENT)
    assert referent_role.user.email == application.referent_email
    assert not referent_role.user.has_usable_password()
    assert Invitation.objects.filter(user=referent_role.user, structure=structure, used_at__isnull=True).exists()
    [message] = outbox(to=application.referent_email)
    assert "/compte/invitation/" in message.body
    assert message.subject.startswith("Votre candidature est acceptée")


def test_sending_back_gives_the_reasons_of_each_criterion_not_valid(client: Client, open_brittany: Any) -> None:
    application = submit_application()
    client.force_login(with_totp(coordinator(departements="35")))
    marks = all_valid() | {"statuts-etat": "non-valide", "statuts-commentaire": "L'extrait est illisible."}
    client.post(f"/espace/candidatures/{application.pk}/", marks)
    clear_outbox()

    client.post(
        f"/espace/candidatures/{application.pk}/decision/",
        {"decision": "renvoyer", "message": "Merci de renvoyer un extrait lisible."},
    )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.RETURNED
    assert "Merci de renvoyer un extrait lisible." in application.decision_reason
    assert "Critère 4" in application.decision_reason
    assert "L'extrait est illisible." in application.decision_reason
    [message] = outbox(to=application.referent_email)
    assert "L'extrait est illisible." in message.body
    assert application.tracking_key in message.body


def test_the_applicant_completes_and_resubmits_a_returned_application(client: Client, open_brittany: Any) -> None:
    application = submit_application()
    reviewer = coordinator(departements="35")
    workflow.send_back(application, "Précisez votre file active.", by=reviewer)
    tracking = f"/candidature/suivi/{application.tracking_key}/"
    assert "Précisez votre file active." in page(client.get(tracking))

    form = client.get(tracking + "completer/").context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(oncology_active_file=250, siren_extract_date=form.initial["siren_extract_date"].isoformat())
    response = client.post(tracking + "completer/", data)

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.oncology_active_file == 250
    assert list(application.events.values_list("to_status", flat=True)) == [
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.RETURNED,
        ApplicationStatus.SUBMITTED,
    ]


def test_a_refusal_needs_a_written_reason(client: Client, open_brittany: Any) -> None:
    application = submit_application()
    client.force_login(with_totp(coordinator(departements="35")))

    response = client.post(f"/espace/candidatures/{application.pk}/decision/", {"decision": "refuser"}, follow=True)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert "Un refus doit être motivé" in page(response)

    client.post(
        f"/espace/candidatures/{application.pk}/decision/",
        {"decision": "refuser", "message": "Aucune activité en cancérologie."},
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REFUSED
    assert application.decision_reason == "Aucune activité en cancérologie."
    assert "Aucune activité en cancérologie." in outbox(to=application.referent_email)[-1].body


def test_a_decided_application_cannot_be_decided_again(open_brittany: Any) -> None:
    application = submit_application()
    reviewer = coordinator(departements="35")
    workflow.refuse(application, "Hors périmètre.", by=reviewer)

    with pytest.raises(ApplicationError):
        workflow.send_back(application, "Complétez.", by=reviewer)


def test_only_the_coordinator_of_the_right_level_and_territory_may_decide(open_brittany: Any) -> None:
    town_structure = submit_application(kind=StructureKind.ASSOCIATION)
    establishment = submit_application(kind=StructureKind.ETABLISSEMENT_SANTE)
    dac35, c3_35, dac29 = (
        coordinator(departements="35"),
        coordinator(RoleKind.COORDINATOR_3C, departements="35"),
        coordinator(departements="29"),
    )

    for wrong_reviewer, application in [(c3_35, town_structure), (dac35, establishment), (dac29, town_structure)]:
        with pytest.raises(ApplicationError):
            workflow.refuse(application, "Non.", by=wrong_reviewer)

    workflow.refuse(town_structure, "Non.", by=dac35)
    workflow.refuse(establishment, "Non.", by=c3_35)


def test_the_regional_administrator_may_decide_anywhere_in_the_region(open_brittany: Any) -> None:
    application = submit_application()

    workflow.send_back(application, "Complétez.", by=regional_admin("53"))

    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.RETURNED


def test_the_queue_lists_waiting_applications_of_my_territory_oldest_first(client: Client, open_brittany: Any) -> None:
    first = submit_application(name="Première")
    second = submit_application(name="Deuxième")
    submit_application(name="Finistérienne", commune=commune(BREST), postal_code="29200")
    client.force_login(with_totp(coordinator(departements="35")))

    text = page(client.get("/espace/candidatures/"))

    assert text.index(first.name) < text.index(second.name)
    assert "Finistérienne" not in text


def test_the_coordinators_of_the_territory_are_told_of_a_new_application(open_brittany: Any) -> None:
    dac35 = coordinator(departements="35")
    coordinator(RoleKind.COORDINATOR_3C, departements="35")
    coordinator(departements="29")

    application = submit_application(kind=StructureKind.ASSOCIATION)

    [to_reviewers] = [m for m in outbox() if m.subject.startswith("Nouvelle candidature à examiner")]
    assert to_reviewers.to == [dac35.email]
    assert f"/espace/candidatures/{application.pk}/" in to_reviewers.body


def test_a_decision_is_kept_in_the_change_history_with_its_reason(open_brittany: Any) -> None:
    application = submit_application()
    reviewer = coordinator(departements="35")

    workflow.refuse(application, "Hors du périmètre des soins de support.", by=reviewer)

    entry = history_of(application).first()
    assert entry is not None
    assert entry.actor == reviewer
    assert entry.changes_dict["status"] == [ApplicationStatus.SUBMITTED, ApplicationStatus.REFUSED]
    assert reason_of(entry) == "Hors du périmètre des soins de support."


def test_accepting_a_structure_already_in_the_directory_links_it_instead_of_a_duplicate(open_brittany: Any) -> None:
    imported = StructureFactory(commune=commune("35238"), status=PublicationStatus.DRAFT)
    application = submit_application(siret=imported.siret)
    reviewer = coordinator(departements="35")
    workflow.assess(application, dict.fromkeys(CRITERION_CODES, (True, "")), by=reviewer)

    structure = workflow.accept(application, by=reviewer)

    assert structure == imported
    assert Structure.objects.filter(siret=imported.siret).count() == 1
    assert Role.objects.filter(structure=imported, kind=RoleKind.REFERENT).exists()
