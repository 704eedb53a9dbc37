from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "annuaire.applications"
    verbose_name = "Candidatures des structures"

    def ready(self) -> None:
        from annuaire.applications.models import (
            Acceptance,
            Application,
            ApplicationDocument,
            CriterionAssessment,
            Invitation,
            PilotTerritory,
        )
        from annuaire.audit.registry import register_audited

        # Every change to an application, its documents, its acceptances and its grid is kept
        # (who, when, field from → to); so are openings of territories and invitations.
        register_audited(Application)
        register_audited(ApplicationDocument)
        register_audited(Acceptance)
        register_audited(CriterionAssessment)
        register_audited(PilotTerritory)
        register_audited(Invitation, exclude_fields=("key_hash",))
