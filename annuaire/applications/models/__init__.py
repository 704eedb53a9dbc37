from annuaire.applications.models.acceptance import Acceptance
from annuaire.applications.models.application import Application, ApplicationEvent
from annuaire.applications.models.assessment import CriterionAssessment
from annuaire.applications.models.document import ApplicationDocument
from annuaire.applications.models.invitation import Invitation
from annuaire.applications.models.territory import PilotTerritory

__all__ = [
    "Acceptance",
    "Application",
    "ApplicationDocument",
    "ApplicationEvent",
    "CriterionAssessment",
    "Invitation",
    "PilotTerritory",
]
