"""Vocabularies of the application flow, with stable codes (they appear in URLs and the journal)."""

from django.db import models


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "deposee", "Déposée, en attente d'examen"
    RETURNED = "a-completer", "À compléter par la structure"
    ACCEPTED = "acceptee", "Acceptée"
    REFUSED = "refusee", "Refusée"

    @classmethod
    def open_statuses(cls) -> set[str]:
        """Statuses where the application still waits for someone."""
        return {cls.SUBMITTED, cls.RETURNED}


class DocumentKind(models.TextChoices):
    SIREN_EXTRACT = "extrait-siren", "Extrait SIREN (statuts) de moins de 3 mois"
    HEALTH_PROJECT = "projet-sante", "Projet de santé de la structure"
    RECRUITMENT = "procedure-recrutement", "Procédure de recrutement des professionnels"


class LegalTextKind(models.TextChoices):
    CHARTER = "charte", "Charte d'engagement"
    TERMS = "cgu", "Conditions générales d'utilisation"
