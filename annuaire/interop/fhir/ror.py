"""Building blocks the ROR profiles require (PROFILES.md): national codings, telecom
extensions, creation date, patient type, identifiers typed with the NOS codes.

Pure functions, no queries. The table sub-category → national codes is the admin-editable
`RorMapping` (annuaire/interop/models.py); what depends on the structure (champ
d'activité, default type d'offre, catégorie d'établissement) is defined here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from annuaire.core.opening_hours import OpeningHoursError, parse_opening_hours
from annuaire.directory.enums import Audience, GroupFormat, Modality, StructureKind
from annuaire.geo.models import Commune
from annuaire.interop import nos
from annuaire.interop.fhir import codes
from annuaire.interop.models import RorMapping
from annuaire.taxonomy.models import SubCategory

Json = dict[str, Any]

GENERIC_ACTIVITY = "414"  # J17 "Soins de support": for a sub-category without a mapping
DEFAULT_CARE_MODE = "32"  # J19 "Consultation (CS) ou Séance"
GROUP_CARE_MODE = "42"  # J19 "Prise en charge de groupe"
PUBLIC = "1"  # J222 "Visible du grand public"
PROFESSIONALS = "2"  # J222 "Visible par les professionnels"
CHRONIC_DISEASE_PUBLIC = "09"  # J29 "Personnes atteintes de pathologies chroniques ... (ALD)"

_HOSPITAL = {StructureKind.ETABLISSEMENT_SANTE, StructureKind.CENTRE_LUTTE_CANCER, StructureKind.HAD}

# J20 champ d'activité: hospital offers are MCO, the others are "Ville" (PROFILES.md §6).
ACTIVITY_FIELD_BY_KIND: dict[str, str] = {kind: "01" if kind in _HOSPITAL else "05" for kind in StructureKind.values}

# J238 type d'offre when the sub-category's mapping names none.
OFFER_TYPE_BY_KIND: dict[str, str] = {
    StructureKind.ETABLISSEMENT_SANTE: "317",  # Unité hospitalière de soins de support
    StructureKind.CENTRE_LUTTE_CANCER: "317",
    StructureKind.HAD: "128",  # Unité d'hospitalisation à domicile socle
    StructureKind.MSP: "99",  # Maison de santé pluriprofessionnelle
    StructureKind.CPTS: "255",  # CPTS
}

# J55 catégorie d'établissement, where one fits the kind without doubt.
ESTABLISHMENT_CATEGORY_BY_KIND: dict[str, str] = {
    StructureKind.CENTRE_LUTTE_CANCER: "131",
    StructureKind.HAD: "127",
    StructureKind.MSP: "603",
    StructureKind.CPTS: "604",
    StructureKind.POLE_SANTE: "124",
}

# J226 modalité d'accueil.
RECEPTION_MODALITY: dict[str, str] = {Modality.ON_SITE: "03", Modality.REMOTE: "04", Modality.AT_HOME: "05"}


def instant(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def creation_date(moment: datetime) -> Json:
    return {"url": codes.EXT_CREATION_DATE, "valueDateTime": instant(moment)}


def region_tag(commune: Commune | None) -> list[Json]:
    """`meta.tag:codeRegion`: the region of the record (JDV J237), when known."""
    return region_code_tag(getattr(getattr(commune, "departement", None), "region_id", None))


def region_code_tag(region: str | None) -> list[Json]:
    if region is None or region not in nos.code_list("J237"):
        return []
    return [nos.coding("J237", region)]


# --- telecoms ------------------------------------------------------------------------


def _is_mobile(number: str) -> bool:
    digits = "".join(c for c in number if c.isdigit() or c == "+")
    return digits.startswith(("06", "07", "+336", "+337", "00336", "00337"))


def contact_point(system: str, value: str, channel: str, confidentiality: str = PUBLIC) -> Json:
    return {
        "extension": [
            {"url": codes.EXT_TELECOM_CHANNEL, "valueCodeableConcept": nos.concept("J225", channel)},
            {"url": codes.EXT_TELECOM_CONFIDENTIALITY, "valueCodeableConcept": nos.concept("J222", confidentiality)},
        ],
        "system": system,
        "value": value,
        "use": "work",
    }


def telecoms(phone: str = "", email: str = "", url: str = "", mss: str = "") -> list[Json]:
    """Contact points with the ROR's channel (J225) and confidentiality (J222). The
    MSSanté address is for professionals (level 2), the others are public (level 1)."""
    points = []
    if phone:
        points.append(contact_point("phone", phone, "1" if _is_mobile(phone) else "2"))
    if email:
        points.append(contact_point("email", email, "3"))
    if mss:
        points.append({**contact_point("email", mss, "3", PROFESSIONALS), "rank": 1})
    if url:
        points.append(contact_point("url", url, "4"))
    return points


# --- identifiers ---------------------------------------------------------------------

# FR Core type (v2-0203) beside the ROR type (TRE_G07 code) of each structure identifier.
STRUCTURE_IDENTIFIER_TYPES: dict[str, tuple[str, str, str]] = {
    "IDNST": ("40", "IDNST", "Identifiant national de structure"),
    "FINEG": ("1", "FINEG", "FINESS d'entité géographique"),
    "FINEJ": ("1", "FINEJ", "FINESS d'entité juridique"),
    "SIRET": ("3", "SIRET", "SIRET"),
    "SIREN": ("2", "SIREN", "SIREN"),
}
SYSTEM_OF = {"IDNST": codes.IDNST_SYSTEM, "FINEG": codes.FINESS_SYSTEM, "FINEJ": codes.FINESS_SYSTEM}


def structure_identifier(kind: str, value: str) -> Json:
    ror_code, fr_core_code, display = STRUCTURE_IDENTIFIER_TYPES[kind]
    return {
        "use": "official",
        "type": {
            "coding": [
                nos.coding("J236", ror_code),
                {"system": codes.IDENTIFIER_TYPE_SYSTEM, "code": fr_core_code, "display": display},
            ]
        },
        "system": SYSTEM_OF.get(kind, codes.SIRENE_SYSTEM),
        "value": value,
    }


def own_identifier(base: str, naming_system: str, type_code: str, value: str) -> Json:
    """The identifier of an offer (TRE_R355 `35`) or a place (TRE_R354 `25`): our stable uuid
    in a naming system under SITE_URL, hence nationally unique."""
    system = f"{base}/{naming_system}"
    return {"use": "official", "type": nos.concept("J236", type_code), "system": system, "value": value}


# --- offers --------------------------------------------------------------------------


@dataclass(frozen=True)
class NationalCodes:
    """The ROR's view of one offer."""

    activity_field: str  # J20, 1..1
    offer_type: str | None  # J238, 0..1
    operational_activity: str  # J17, 1..1
    care_mode: str  # J19, 1..1
    specific_acts: tuple[str, ...]  # J16, 0..*
    reception_modalities: tuple[str, ...]  # J226, 0..*


def national_codes(
    structure_kind: str,
    subcategories: Sequence[SubCategory],
    formats: Iterable[str],
    modalities: Iterable[str],
    mappings: Mapping[int, RorMapping],
) -> NationalCodes:
    """One operational activity per offer: that of its first sub-category (the ROR allows
    one); the specific acts of all its sub-categories."""
    primary = mappings.get(subcategories[0].pk) if subcategories else None
    care_mode = primary.care_mode if primary else DEFAULT_CARE_MODE
    formats = set(formats)
    if formats == {GroupFormat.GROUP}:
        care_mode = GROUP_CARE_MODE
    elif formats == {GroupFormat.INDIVIDUAL} and care_mode == GROUP_CARE_MODE:
        care_mode = DEFAULT_CARE_MODE
    acts: dict[str, None] = {}
    for sub in subcategories:
        mapping = mappings.get(sub.pk)
        if mapping:
            acts.update(dict.fromkeys(mapping.specific_act_codes))
    return NationalCodes(
        activity_field=(primary.activity_field if primary else "") or ACTIVITY_FIELD_BY_KIND.get(structure_kind, "05"),
        offer_type=(primary.offer_type if primary else "") or OFFER_TYPE_BY_KIND.get(structure_kind),
        operational_activity=primary.operational_activity if primary else GENERIC_ACTIVITY,
        care_mode=care_mode,
        specific_acts=tuple(acts),
        reception_modalities=tuple(RECEPTION_MODALITY[m] for m in modalities if m in RECEPTION_MODALITY),
    )


def national_characteristics(national: NationalCodes) -> list[Json]:
    """careMode first (1..1), then reception modalities and specific acts (typed by `ror-act-type`)."""
    found = [nos.concept("J19", national.care_mode)]
    found += [nos.concept("J226", code) for code in national.reception_modalities]
    for code in national.specific_acts:
        act = nos.concept("J16", code)
        act["extension"] = [{"url": codes.EXT_ACT_TYPE, "valueCode": "specificAct"}]
        found.append(act)
    return found


def _years(value: int) -> Json:
    return {"value": value, "unit": "années", "system": codes.UCUM, "code": "a"}


def age_range(age_groups: Iterable[str]) -> tuple[int, int]:
    ranges = [codes.AGE_RANGES[code] for code in age_groups if code in codes.AGE_RANGES]
    if not ranges:
        return 0, codes.MAX_AGE
    return min(low for low, _ in ranges), max(high for _, high in ranges)


def patient_type(audiences: Iterable[str], age_groups: Iterable[str]) -> Json:
    """`ror-healthcareservice-patient-type`: J29 "chronic disease / ALD" for offers to
    patients (J29 has nothing for relatives alone) and the age range, both bounds given."""
    parts: list[Json] = []
    audiences = list(audiences)
    if not audiences or Audience.PATIENTS in audiences:
        public = nos.concept("J29", CHRONIC_DISEASE_PUBLIC)
        parts.append({"url": "supportedPatientInfo", "valueCodeableConcept": public})
    low, high = age_range(age_groups)
    parts.append({"url": "ageRange", "valueRange": {"low": _years(low), "high": _years(high)}})
    return {"url": codes.EXT_PATIENT_TYPE, "extension": parts}


def distance_quantity(km: float) -> Json:
    return {"value": round(km, 2), "unit": "km", "system": codes.UCUM, "code": "km"}


def calculated_distance(km: float) -> Json:
    """`ror-calculated-distance` on a HealthcareService found by a near search."""
    return {"url": codes.EXT_CALCULATED_DISTANCE, "valueQuantity": distance_quantity(km)}


FHIR_DAYS = {"Mo": "mon", "Tu": "tue", "We": "wed", "Th": "thu", "Fr": "fri", "Sa": "sat", "Su": "sun"}


def available_times(opening_hours: str) -> list[Json]:
    """`availableTime` from the offer's structured hours: one entry per day and time span,
    as the guide's examples (`daysOfWeek` has one day)."""
    try:
        slots = parse_opening_hours(opening_hours)
    except OpeningHoursError:
        return []
    return [
        {
            "daysOfWeek": [FHIR_DAYS[slot.day]],
            "availableStartTime": slot.opens.strftime("%H:%M:%S"),
            "availableEndTime": slot.closes.strftime("%H:%M:%S"),
        }
        for slot in slots
    ]
