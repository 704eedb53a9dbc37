"""Demo offers of one structure: which care, for whom, when, at what cost, and where.

The sub-categories offered follow `care.PROFILES` by kind of structure; each offer passes
`annuaire.directory.validation.validate_offer`, and gets its `search_text` from
`Offer.build_search_text` (`bulk_create` skips `save()`).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from annuaire.core.text import normalize
from annuaire.demo import care
from annuaire.demo.fiction import Fiction
from annuaire.demo.plans import Plan
from annuaire.directory.enums import (
    Access,
    AgeGroup,
    Audience,
    CareSetting,
    Cost,
    GroupFormat,
    Modality,
    Phase,
    PublicationStatus,
)
from annuaire.directory.models import Offer, Place, Structure
from annuaire.directory.validation import validate_offer
from annuaire.taxonomy.models import Category, SubCategory

# Offers per structure, by kind group (care.KIND_GROUPS); "E" is a big establishment.
OFFER_COUNTS: dict[str, tuple[int, int]] = {
    "E": (12, 22),
    "H": (5, 12),
    "D": (3, 7),
    "L": (6, 10),
    "A": (1, 4),
    "M": (2, 6),
    "C": (1, 4),
    "P": (3, 6),
}


class DemoOffer(NamedTuple):
    offer: Offer
    places: list[Place]
    subcategories: list[SubCategory]
    status: str  # given by the publication module when saved (writer.save)
    moment: datetime


# Offers on their way to publication, spread over every stage of the review.
_IN_PROGRESS = (
    PublicationStatus.DRAFT,
    PublicationStatus.TERRITORIAL_REVIEW,
    PublicationStatus.REGIONAL_REVIEW,
    PublicationStatus.RETURNED,
)


class OfferMaker:
    def __init__(self, fiction: Fiction, subcategories: list[SubCategory]) -> None:
        self.fiction, self.rng = fiction, fiction.rng
        self.subcategories = subcategories  # sorted by code: the draws depend on this order
        self._candidates: dict[tuple[str, bool, bool], tuple[list[SubCategory], list[float]]] = {}

    def _candidates_for(self, group: str, big: bool, psnc: bool) -> tuple[list[SubCategory], list[float]]:
        key = (group, big, psnc)
        if key not in self._candidates:
            subs, weights = [], []
            for sub in self.subcategories:
                profile = care.PROFILES.get(sub.code, care.DEFAULT_PROFILE)
                allowed = group in profile.groups or (big and "E" in profile.groups)
                if not allowed or (sub.is_non_conventional and not psnc):
                    continue
                subs.append(sub)
                weights.append(profile.weight * care.CATEGORY_BOOST.get(group, {}).get(sub.category.code, 1))
            self._candidates[key] = (subs, weights)
        return self._candidates[key]

    def offers(
        self, index: int, structure: Structure, structure_status: str, plan: Plan, places: list[Place]
    ) -> list[DemoOffer]:
        """The offers of one structure, each with its places and sub-categories."""
        rng = self.rng
        group = care.KIND_GROUPS[plan.kind]
        psnc = structure.may_offer_non_conventional_practice("qualification")
        subs, weights = self._candidates_for(group, plan.big, psnc)
        if not subs:
            return []
        low, high = OFFER_COUNTS["E" if plan.big else group]
        wanted = min(rng.randint(low, high), len(subs))
        primaries: list[SubCategory] = []
        if plan.big:
            primaries += [s for s in subs if s.code == "eri-accueil-ecoute"][:1]
        for _attempt in range(wanted * 4):
            if len(primaries) >= wanted:
                break
            sub = rng.choices(subs, weights)[0]
            if sub not in primaries:
                primaries.append(sub)
        offers: list[DemoOffer] = []
        for number, primary in enumerate(primaries):
            chosen = [primary]
            siblings = [s for s in subs if s.category_id == primary.category_id and s != primary]
            if siblings and (primary.category.code == "eri" or rng.random() < 0.3):
                chosen += rng.sample(siblings, min(len(siblings), rng.randint(1, 2)))
            offers.append(self._offer(index, number, structure, structure_status, plan, places, chosen))
        return offers

    def _offer(
        self,
        index: int,
        number: int,
        structure: Structure,
        structure_status: str,
        plan: Plan,
        places: list[Place],
        subs: list[SubCategory],
    ) -> DemoOffer:
        rng = self.rng
        group = care.KIND_GROUPS[plan.kind]
        primary = subs[0]
        category: Category = primary.category
        code = category.code
        profile = care.PROFILES.get(primary.code, care.DEFAULT_PROFILE)
        psnc = any(s.is_non_conventional for s in subs)
        title = rng.choice(profile.titles or (primary.label,))
        description = rng.choice(care.CATEGORY_DESCRIPTIONS.get(code, ("",)))
        if psnc:
            description += " " + care.PSNC_NOTICE

        # The "parcours global" (APA, dietetic and psychological assessments and follow-up) is
        # run by the structures selected by the ARS, and by some MSP and recognised associations.
        parcours_care = code in ("activite-physique", "nutrition", "psychologie")
        if group == "P":
            parcours = parcours_care or rng.random() < 0.4
        else:
            in_town_framework = group == "M" or (group == "A" and structure.is_recognised_association)
            parcours = in_town_framework and parcours_care and rng.random() < 0.15
        # The pathway funds some care only (taxonomy: SubCategory.funded_by_parcours_global).
        parcours = parcours and all(s.funded_by_parcours_global for s in subs)
        audiences = [Audience.PATIENTS]
        if code == "soutien-aidants":
            audiences = [Audience.RELATIVES] + ([Audience.PATIENTS] if rng.random() < 0.3 else [])
        elif code == "eri" or rng.random() < 0.25:
            audiences.append(Audience.RELATIVES)
        if rng.random() < (0.4 if group == "C" else 0.08):
            audiences.append(Audience.PROFESSIONALS)
        ages = [AgeGroup.ADULTS] + ([AgeGroup.ELDERLY] if rng.random() < 0.45 else [])
        if rng.random() < (0.7 if code == "fertilite" else 0.12 if plan.big else 0.03):
            ages.append(AgeGroup.AJA)
        if group == "H":
            settings = [CareSetting.ESTABLISHMENT] + ([CareSetting.HOME] if "mobile" in primary.code else [])
            access = [Access.FOLLOWED_HERE] + ([Access.NOT_FOLLOWED_HERE] if rng.random() < 0.45 else [])
        elif group == "D":
            settings, access = [CareSetting.HAD, CareSetting.HOME], [Access.IN_HAD]
        else:
            settings, access = [CareSetting.TOWN], []
        if code == "soins-palliatifs":
            phases = [Phase.END_OF_LIFE] + ([Phase.TREATMENT] if rng.random() < 0.5 else [])
        elif code == "fertilite":
            phases = [Phase.DIAGNOSIS, Phase.TREATMENT]
        elif parcours:
            phases = [Phase.AFTER]
        else:
            phases = [
                phase
                for phase, share in ((Phase.DIAGNOSIS, 0.3), (Phase.TREATMENT, 0.85), (Phase.AFTER, 0.65))
                if rng.random() < share
            ] or [Phase.TREATMENT]
        formats = {"I": [GroupFormat.INDIVIDUAL], "G": [GroupFormat.GROUP]}.get(profile.formats) or rng.choice(
            ([GroupFormat.INDIVIDUAL], [GroupFormat.GROUP], [GroupFormat.INDIVIDUAL, GroupFormat.GROUP])
        )
        if group == "D" or "mobile" in primary.code or "domicile" in primary.code:
            modalities = [Modality.AT_HOME]
        else:
            modalities = [Modality.ON_SITE]
            if GroupFormat.INDIVIDUAL in formats and rng.random() < 0.12:
                modalities.append(
                    Modality.REMOTE if code in ("psychologie", "social", "nutrition") else Modality.AT_HOME
                )

        cost, amount, details = self._cost(group, parcours)
        if psnc and cost == Cost.COVERED:  # never covered by the Assurance maladie
            cost = Cost.FREE
        qualification = ""
        if psnc:
            qualification = rng.choice(
                care.PSNC_QUALIFICATIONS.get(primary.code, ("Professionnel de santé diplômé",))
                if group in "HD"
                else care.TOWN_PSNC_QUALIFICATIONS
            )
        status: str
        draw = rng.random()
        if structure_status == PublicationStatus.PUBLISHED:
            status = PublicationStatus.PUBLISHED if draw < 0.95 else _IN_PROGRESS[number % len(_IN_PROGRESS)]
        elif structure_status == PublicationStatus.DELISTED and structure.last_verified_at is not None:
            # Delisted by the yearly cycle with its structure, at the same moment.
            status = PublicationStatus.DELISTED
        elif structure_status == PublicationStatus.DRAFT:
            # Accepted, not public yet: its offers wait at every stage of the review.
            status = _IN_PROGRESS[(index + number) % len(_IN_PROGRESS)]
        else:
            status = PublicationStatus.PUBLISHED if draw < 0.6 else PublicationStatus.DRAFT
        subs = sorted(subs, key=lambda s: (category.order, s.order, s.label))
        # Lists of codes (ChoiceSetField), which the type stubs see as plain text.
        choice_sets: dict[str, Any] = {
            "audiences": audiences,
            "age_groups": ages,
            "care_settings": settings,
            "phases": phases,
            "access": access,
            "formats": formats,
            "modalities": modalities,
        }
        offer = Offer(
            uuid=self.fiction.uuid("structure", index, "offer", number),
            structure=structure,
            title=title,
            category=category,
            description=description,
            **choice_sets,
            parcours_global=parcours,
            cost=cost,
            cost_amount=amount,
            cost_details=details,
            how_to_access=rng.choice(care.HOW_TO_ACCESS[group]),
            appointment_delay_days=None
            if code == "eri" or rng.random() < 0.25
            else rng.choice((0, 2, 7, 10, 15, 21, 30, 45)),
            schedule=rng.choice(care.SCHEDULES),
            contact_phone=structure.phone if rng.random() < 0.6 else self.fiction.phone(plan.town),
            contact_email=f"{code}@{structure.email.partition('@')[2]}",
            practitioner_qualification=qualification,
            last_verified_at=self.fiction.offer_verified(structure.last_verified_at or self.fiction.today),
        )
        offer.search_text = offer.build_search_text(subs)
        if len(places) > 1 and rng.random() < 0.5:
            where = rng.sample(places, rng.randint(1, len(places)))
        else:
            where = [places[0] if number % 3 or len(places) == 1 else rng.choice(places)]
        validate_offer(offer, subcategories=subs, places=where)
        moment = self.fiction.moment(10 + (index * 7 + number * 13) % 890)
        return DemoOffer(offer, where, subs, status, moment)

    def _cost(self, group: str, parcours: bool) -> tuple[str, Decimal | None, str]:
        rng = self.rng
        if parcours:
            return Cost.FREE, None, "Financé par l'ARS (parcours de soins global après cancer)"
        shares = {
            "H": (0.2, 0.8, 0.0),
            "D": (0.1, 0.9, 0.0),
            "L": (1.0, 0.0, 0.0),
            "A": (0.65, 0.0, 0.35),
            "M": (0.15, 0.55, 0.3),
            "C": (0.4, 0.5, 0.1),
            "P": (0.7, 0.2, 0.1),
        }[group]
        cost = rng.choices((Cost.FREE, Cost.COVERED, Cost.PARTLY_PAID), weights=shares)[0]
        if cost == Cost.PARTLY_PAID:
            return (
                cost,
                Decimal(rng.choice((15, 20, 25, 30, 35, 40, 45, 50, 55, 60))),
                rng.choice(care.COST_DETAILS_PAID),
            )
        if cost == Cost.FREE:
            return cost, None, rng.choice(care.COST_DETAILS_FREE) if group in "LA" else ""
        return cost, None, ""


@lru_cache(maxsize=4096)
def _normalized(text: str) -> str:
    return normalize(text)
