"""The integration criteria grid (seed 003, Annexe 3; DOMAIN.md §5): eight criteria, all required.

The grid is reference text, not data an administrator edits: its codes are stored with each
assessment, so a code is never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Criterion:
    code: str
    number: int
    label: str
    indicators: tuple[str, ...]
    reference: str


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "coordonnees",
        1,
        "Coordonnées de la structure",
        ("Transmission des coordonnées de la structure",),
        "Si oui : valide. Si non : non valide.",
    ),
    Criterion(
        "referent",
        2,
        "Identification d'une personne référente au sein de la structure",
        ("Transmission des nom, prénom, fonction de la personne référente et de ses coordonnées",),
        "Si oui : valide. Si non : non valide.",
    ),
    Criterion(
        "file-active",
        3,
        "Lien avec la cancérologie : accueil de personnes atteintes de cancer",
        ("File active existante (nombre de patients vus dans l'année)",),
        "Si oui : valide. Si non : non valide.",
    ),
    Criterion(
        "statuts",
        4,
        "Documents à fournir : statuts de la structure",
        ("Transmission d'un extrait SIREN de moins de 3 mois",),
        "Si oui : valide. Si non : non valide.",
    ),
    Criterion(
        "projet-sante",
        5,
        "Projet de santé de la structure",
        (
            "Présence de la cancérologie dans le projet",
            "Présence d'une prise en charge coordonnée",
            "Liens avec le médecin référent",
        ),
        "Si les 3 indicateurs sont réunis : valide. S'il en manque au moins un : non valide.",
    ),
    Criterion(
        "recrutement",
        6,
        "Recrutement des professionnels",
        (
            "Réalisation d'un entretien avec le ou la professionnel(le)",
            "Diplôme permettant d'exercer en cancérologie",
        ),
        "Si les indicateurs sont réunis : valide. S'il en manque au moins un : non valide.",
    ),
    Criterion(
        "charte",
        7,
        "Signature de la charte d'engagement",
        ("Acceptation de la charte d'engagement",),
        "Si oui : valide. Si non : non valide.",
    ),
    Criterion(
        "cgu",
        8,
        "Signature des conditions générales d'utilisation (CGU)",
        ("Acceptation des CGU",),
        "Si oui : valide. Si non : non valide.",
    ),
)

CRITERION_CODES: tuple[str, ...] = tuple(criterion.code for criterion in CRITERIA)
CRITERION_CHOICES: list[tuple[str, str]] = [(c.code, f"{c.number}. {c.label}") for c in CRITERIA]
