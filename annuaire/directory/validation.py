"""The one validation of an offer, whoever writes it: back office, admin, import, demo.

`check_offer` returns every error (by field, French messages, changing nothing) and the
warnings reviewers must see; `validate_offer` raises the errors as a `ValidationError`.
Rules: DOMAIN.md §2 and seed 003 (Annexes 2 and 5); see docs/adr/0010.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from annuaire.core.opening_hours import OpeningHoursError, parse_opening_hours
from annuaire.core.spreadsheet import FORMULA_REFUSED, looks_like_formula
from annuaire.directory.enums import Cost

if TYPE_CHECKING:
    from annuaire.directory.models import Offer, Place
    from annuaire.taxonomy.models import SubCategory

# The charter's limit (seed 003, Annexe 5): an appointment within one month at most.
MAX_APPOINTMENT_DELAY_DAYS = 30


@dataclass(frozen=True)
class ReviewWarning:
    """Something reviewers must look at before approving; not an error."""

    code: str
    message: str


@dataclass
class OfferCheck:
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[ReviewWarning] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def add(self, field_name: str, message: str) -> None:
        self.errors.setdefault(field_name, []).append(message)

    def raise_if_invalid(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def cost_errors(offer: Offer) -> dict[str, str]:
    """Rules on the cost fields alone (also run by `Offer.clean`, hence by model forms)."""
    errors: dict[str, str] = {}
    if offer.cost == Cost.PARTLY_PAID and offer.cost_amount is None:
        errors["cost_amount"] = "Indiquez le montant restant à payer pour la personne."
    if offer.cost != Cost.PARTLY_PAID and offer.cost_amount not in (None, Decimal(0)):
        errors["cost_amount"] = "Un montant ne s'indique que s'il reste quelque chose à payer."
    if offer.parcours_global and offer.cost == Cost.PARTLY_PAID:
        errors["cost"] = "Le parcours de soins global après cancer est sans frais pour la personne."
    return errors


def check_offer(
    offer: Offer,
    *,
    subcategories: Iterable[SubCategory] | None = None,
    places: Iterable[Place] | None = None,
) -> OfferCheck:
    """Every rule on `offer`; `subcategories` and `places` for links not saved yet, else the saved ones."""
    check = OfferCheck()
    subs = list(subcategories) if subcategories is not None else _saved(offer, "subcategories")
    where = list(places) if places is not None else _saved(offer, "places")

    for name, message in cost_errors(offer).items():
        check.add(name, message)
    if looks_like_formula(offer.title):
        check.add("title", FORMULA_REFUSED)
    _check_subcategories(offer, subs, check)
    _check_non_conventional(offer, subs, check)
    _check_parcours_global(offer, subs, check)
    foreign_places = [p.name for p in where if p.structure_id != offer.structure_id]
    if foreign_places:
        check.add(
            "places",
            f"Ces lieux appartiennent à une autre structure que celle de l'offre : {', '.join(foreign_places)}.",
        )
    if offer.opening_hours:
        try:
            parse_opening_hours(offer.opening_hours)
        except OpeningHoursError as error:
            check.add("opening_hours", str(error))
    if offer.appointment_delay_days is not None and offer.appointment_delay_days > MAX_APPOINTMENT_DELAY_DAYS:
        check.warnings.append(
            ReviewWarning(
                "delai",
                f"Délai de rendez-vous de {offer.appointment_delay_days} jours : la charte demande un "
                f"rendez-vous sous un mois au plus ({MAX_APPOINTMENT_DELAY_DAYS} jours).",
            )
        )
    return check


def validate_offer(
    offer: Offer,
    *,
    subcategories: Iterable[SubCategory] | None = None,
    places: Iterable[Place] | None = None,
) -> list[ReviewWarning]:
    """Raise a `ValidationError` (by field, in French) if `offer` breaks a rule; else its warnings."""
    check = check_offer(offer, subcategories=subcategories, places=places)
    check.raise_if_invalid()
    return check.warnings


def _saved(offer: Offer, relation: str) -> list:  # type: ignore[type-arg]
    return list(getattr(offer, relation).all()) if offer.pk else []


def _check_subcategories(offer: Offer, subs: list[SubCategory], check: OfferCheck) -> None:
    if not subs:
        check.add("subcategories", "Choisissez au moins un soin proposé.")
        return
    foreign = [s.label for s in subs if s.category_id != offer.category_id]
    if foreign:
        check.add("subcategories", f"Ces soins n'appartiennent pas à la catégorie choisie : {', '.join(foreign)}.")


def _check_non_conventional(offer: Offer, subs: list[SubCategory], check: OfferCheck) -> None:
    psnc = [s.label for s in subs if s.is_non_conventional]
    if not psnc:
        return
    qualification = offer.practitioner_qualification.strip()
    if not offer.structure.may_offer_non_conventional_practice(qualification):
        check.add(
            "practitioner_qualification",
            "Une pratique non conventionnelle ne peut être référencée que dans une association reconnue, "
            "une MSP, une CPTS, une structure retenue pour le parcours global, ou en établissement de santé "
            "par un professionnel de santé diplômé (indiquez sa qualification).",
        )
    elif not qualification:
        check.add(
            "practitioner_qualification",
            "Indiquez la qualification du praticien (diplôme, certification) : elle est vérifiée "
            "pour toute pratique non conventionnelle.",
        )
    if offer.cost == Cost.COVERED:
        check.add(
            "cost",
            "Une pratique non conventionnelle n'est pas prise en charge par l'Assurance maladie : "
            "choisissez « Gratuit » ou « Reste à charge ».",
        )
    if qualification:
        check.warnings.append(
            ReviewWarning(
                "psnc",
                f"Pratique non conventionnelle ({', '.join(psnc)}) : vérifiez la qualification déclarée "
                f"du praticien : « {qualification} ».",
            )
        )


def _check_parcours_global(offer: Offer, subs: list[SubCategory], check: OfferCheck) -> None:
    if not offer.parcours_global:
        return
    unfunded = [s.label for s in subs if not s.funded_by_parcours_global]
    if unfunded:
        check.add(
            "parcours_global",
            "Le parcours de soins global après cancer ne finance que les bilans et consultations d'activité "
            "physique adaptée, de diététique et de psychologie ; il ne couvre pas : " + ", ".join(unfunded) + ".",
        )
