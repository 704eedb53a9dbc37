"""Controlled vocabularies of the directory, with stable codes (docs/glossary.md).

Codes appear in URLs, the API and exports: never rename one; add new ones instead.
"""

from django.db import models


class StructureKind(models.TextChoices):
    ETABLISSEMENT_SANTE = "etablissement-sante", "Établissement de santé"
    CENTRE_LUTTE_CANCER = "centre-lutte-cancer", "Centre de lutte contre le cancer"
    HAD = "had", "Hospitalisation à domicile (HAD)"
    LIGUE = "ligue", "Comité de la Ligue contre le cancer"
    ASSOCIATION = "association", "Association"
    MSP = "msp", "Maison de santé pluriprofessionnelle (MSP)"
    POLE_SANTE = "pole-sante", "Pôle ou centre de santé"
    CPTS = "cpts", "Communauté professionnelle territoriale de santé (CPTS)"
    AAP_PARCOURS = "aap-parcours", "Structure retenue pour le parcours de soins global après cancer"

    @classmethod
    def health_establishments(cls) -> set[str]:
        return {cls.ETABLISSEMENT_SANTE, cls.CENTRE_LUTTE_CANCER, cls.HAD}


class PublicationStatus(models.TextChoices):
    """Where an offer or a structure stands in the publication workflow (docs/adr/0010).

    Only `annuaire.directory.publication` writes a status."""

    DRAFT = "brouillon", "Brouillon"
    RETURNED = "a-corriger", "Renvoyée pour correction"
    TERRITORIAL_REVIEW = "validation-territoriale", "En validation territoriale (3C / DAC)"
    REGIONAL_REVIEW = "validation-regionale", "En validation régionale"
    PUBLISHED = "publiee", "Publiée"
    DELISTED = "retiree", "Retirée de l'annuaire"
    SUSPENDED = "suspendue", "Suspendue"
    ENDED = "terminee", "Référencement terminé"


class Audience(models.TextChoices):
    PATIENTS = "patients", "Personnes malades"
    RELATIVES = "proches", "Proches et aidants"
    PROFESSIONALS = "professionnels", "Professionnels"


class AgeGroup(models.TextChoices):
    AJA = "aja", "Adolescents et jeunes adultes (15-25 ans)"
    ADULTS = "adultes", "Adultes"
    ELDERLY = "personnes-agees", "Personnes âgées"


class CareSetting(models.TextChoices):
    HOME = "domicile", "À domicile"
    ESTABLISHMENT = "etablissement", "En établissement de santé"
    TOWN = "ville", "En ville"
    HAD = "had", "En hospitalisation à domicile (HAD)"


class Phase(models.TextChoices):
    DIAGNOSIS = "diagnostic", "Avant ou à l'annonce du diagnostic"
    TREATMENT = "traitement", "Pendant les traitements"
    AFTER = "apres-traitement", "Après les traitements"
    END_OF_LIFE = "fin-de-vie", "En fin de vie"


class Access(models.TextChoices):
    FOLLOWED_HERE = "suivis-etablissement", "Personnes suivies dans l'établissement"
    NOT_FOLLOWED_HERE = "non-suivis", "Personnes suivies ailleurs"
    IN_HAD = "had", "Personnes en HAD"


class Cost(models.TextChoices):
    FREE = "gratuit", "Gratuit"
    COVERED = "pris-en-charge", "Pris en charge (Assurance maladie, mutuelle)"
    PARTLY_PAID = "reste-a-charge", "Reste à charge pour la personne"


class GroupFormat(models.TextChoices):
    INDIVIDUAL = "individuel", "Individuel"
    GROUP = "collectif", "En groupe"


class Modality(models.TextChoices):
    ON_SITE = "sur-place", "Sur place"
    REMOTE = "a-distance", "À distance (téléphone, visio)"
    AT_HOME = "a-domicile", "Au domicile de la personne"
