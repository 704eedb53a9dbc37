"""The constraints of the ROR profiles (ror-healthcareservice, ror-organization,
ror-location, guide 0.7.0) as listed in the reference extract PROFILES.md: cardinalities,
required bindings checked against the code lists shipped in annuaire/interop/data/nos,
extension presence and inner structure. `violations(resource)` lists what is wrong.

No FHIR validator runs offline here: this is the subset of the profiles a server must
honour, restated as code so that a test fails when a required element goes missing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from annuaire.geo.models import Commune
from annuaire.interop import nos

ROR = "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/"
PROFILE = {
    "HealthcareService": ROR + "ror-healthcareservice",
    "Organization": ROR + "ror-organization",
    "Location": ROR + "ror-location",
}
TRE_R211 = "https://mos.esante.gouv.fr/NOS/TRE_R211-ActiviteOperationnelle/FHIR/TRE-R211-ActiviteOperationnelle"
TRE_R213 = "https://mos.esante.gouv.fr/NOS/TRE_R213-ModePriseEnCharge/FHIR/TRE-R213-ModePriseEnCharge"
TRE_R210 = "https://mos.esante.gouv.fr/NOS/TRE_R210-ActeSpecifique/FHIR/TRE-R210-ActeSpecifique"
TRE_R338 = "https://mos.esante.gouv.fr/NOS/TRE_R338-ModaliteAccueil/FHIR/TRE-R338-ModaliteAccueil"
TRE_R13 = "https://mos.esante.gouv.fr/NOS/TRE_R13-Commune/FHIR/TRE-R13-Commune"
TRE_G07 = "https://mos.esante.gouv.fr/NOS/TRE_G07-TypeIdentifiantStructure/FHIR/TRE-G07-TypeIdentifiantStructure"
IDENTIFIER_SYSTEMS = {
    "40": "urn:oid:1.2.250.1.71.4.2.2",
    "1": "https://finess.esante.gouv.fr",
    "2": "https://sirene.fr",
    "3": "https://sirene.fr",
}

Json = dict[str, Any]


class Check:
    def __init__(self, resource: Json) -> None:
        self.resource = resource
        self.errors: list[str] = []

    def fail(self, message: str) -> None:
        self.errors.append(f"{self.resource.get('resourceType')}/{self.resource.get('id')}: {message}")

    def cardinality(self, path: str, found: list[Any], low: int, high: int | None) -> None:
        if len(found) < low or (high is not None and len(found) > high):
            self.fail(f"{path}: {len(found)} found, expected {low}..{'*' if high is None else high}")

    def bound(self, path: str, concept: Any, code_list: str) -> None:
        """Required binding: at least one coding from the list (system and code)."""
        codings = concept.get("coding", []) if isinstance(concept, dict) else []
        listed = nos.code_list(code_list)
        if not any(listed.get(c.get("code", ""), c.get("system")) for c in codings):
            self.fail(f"{path}: no coding from {code_list} in {codings}")

    def extensions(self, owner: Json, url: str) -> list[Json]:
        return [e for e in owner.get("extension", []) if e.get("url") == url]

    def one_extension(self, owner: Json, path: str, url: str, value_key: str) -> Json | None:
        found = self.extensions(owner, url)
        self.cardinality(f"{path}.extension:{url.rsplit('/', 1)[-1]}", found, 1, 1)
        if found and value_key not in found[0]:
            self.fail(f"{path}.extension:{url.rsplit('/', 1)[-1]} has no {value_key}")
        return found[0] if found else None


def _meta(check: Check) -> None:
    meta = check.resource.get("meta", {})
    check.cardinality("meta.lastUpdated", [meta["lastUpdated"]] if meta.get("lastUpdated") else [], 1, 1)
    if PROFILE[check.resource["resourceType"]] not in meta.get("profile", []):
        check.fail("meta.profile does not name the ROR profile")
    region_tags = [t for t in meta.get("tag", []) if "TRE_R30-RegionOM" in t.get("system", "")]
    check.cardinality("meta.tag:codeRegion", region_tags, 0, 1)
    for tag in region_tags:
        check.bound("meta.tag:codeRegion", {"coding": [tag]}, "J237")
    created = check.one_extension(check.resource, "", ROR + "ror-meta-creation-date", "valueDateTime")
    if created and created["valueDateTime"] > meta.get("lastUpdated", "9999"):
        check.fail("ror-meta-creation-date is after meta.lastUpdated")


def _telecoms(check: Check, path: str, points: list[Json]) -> None:
    for point in points:
        check.cardinality(f"{path}.value", [point["value"]] if point.get("value") else [], 1, 1)
        for name, code_list in (("communication-channel", "J225"), ("confidentiality-level", "J222")):
            found = check.one_extension(point, path, ROR + f"ror-telecom-{name}", "valueCodeableConcept")
            if found:
                check.bound(f"{path}.extension:{name}", found.get("valueCodeableConcept"), code_list)


def _healthcare_service(check: Check) -> None:
    resource = check.resource
    check.one_extension(resource, "", ROR + "ror-healthcareservice-sensitive-unit", "valueBoolean")
    patient_type = check.one_extension(resource, "", ROR + "ror-healthcareservice-patient-type", "extension")
    if patient_type:
        ranges = [e for e in patient_type.get("extension", []) if e.get("url") == "ageRange"]
        check.cardinality("patient-type.ageRange", ranges, 1, 1)
        for age_range in ranges:
            value = age_range.get("valueRange", {})
            for bound in ("low", "high"):
                if not isinstance(value.get(bound, {}).get("value"), int | float):
                    check.fail(f"patient-type.ageRange.{bound} has no value")
        for info in (e for e in patient_type.get("extension", []) if e.get("url") == "supportedPatientInfo"):
            check.bound("patient-type.supportedPatientInfo", info.get("valueCodeableConcept"), "J29")
    check.cardinality("identifier", resource.get("identifier", []), 1, 1)
    provided_by = resource.get("providedBy", {}).get("reference", "")
    check.cardinality("providedBy", [provided_by] if provided_by.startswith("Organization/") else [], 1, 1)
    check.cardinality("category", resource.get("category", []), 0, 1)
    for category in resource.get("category", []):
        check.bound("category", category, "J238")
    check.cardinality("type", resource.get("type", []), 1, 1)
    for kind in resource.get("type", []):
        check.bound("type", kind, "J20")
    specialty = resource.get("specialty", [])
    check.cardinality("specialty", specialty, 1, None)
    activities = [s for s in specialty if any(c.get("system") == TRE_R211 for c in s.get("coding", []))]
    check.cardinality("specialty:operationalActivity", activities, 1, 1)
    for activity in activities:
        check.bound("specialty:operationalActivity", activity, "J17")
    characteristic = resource.get("characteristic", [])
    check.cardinality("characteristic", characteristic, 1, None)

    def with_system(system: str) -> list[Json]:
        return [c for c in characteristic if any(x.get("system") == system for x in c.get("coding", []))]

    check.cardinality("characteristic:careMode", with_system(TRE_R213), 1, 1)
    for care_mode in with_system(TRE_R213):
        check.bound("characteristic:careMode", care_mode, "J19")
    for modality in with_system(TRE_R338):
        check.bound("characteristic:receptionModality", modality, "J226")
    for act in with_system(TRE_R210):
        check.bound("characteristic:specificAct", act, "J16")
        types = check.extensions(act, ROR + "ror-act-type")
        check.cardinality("characteristic:specificAct.extension:ror-act-type", types, 1, 1)
        if types and types[0].get("valueCode") not in nos.code_list("act-type"):
            check.fail(f"ror-act-type {types[0].get('valueCode')} is not in act-type-ror-valueset")
    for place in resource.get("location", []):
        if not place.get("reference", "").startswith("Location/"):
            check.fail(f"location {place} is not a Location reference")
    _telecoms(check, "telecom", resource.get("telecom", []))


def _organization(check: Check) -> None:
    resource = check.resource
    seen: dict[str, int] = {}
    for identifier in resource.get("identifier", []):
        ror_types = [c for c in identifier.get("type", {}).get("coding", []) if c.get("system") == TRE_G07]
        check.cardinality("identifier.type (TRE_G07)", ror_types, 1, 1)
        for coding in ror_types:
            check.bound("identifier.type", {"coding": [coding]}, "J236")
            seen[coding["code"]] = seen.get(coding["code"], 0) + 1
            if IDENTIFIER_SYSTEMS.get(coding["code"]) != identifier.get("system"):
                check.fail(f"identifier of type {coding['code']} has system {identifier.get('system')}")
    for code, count in seen.items():
        check.cardinality(f"identifier slice {code}", [None] * count, 0, 1)
    for code_list in ("J203", "J55"):
        systems = nos.code_list(code_list).systems
        typed = [t for t in resource.get("type", []) if any(c.get("system") in systems for c in t.get("coding", []))]
        check.cardinality(f"type ({code_list})", typed, 0, 1)
        for concept in typed:
            check.bound(f"type ({code_list})", concept, code_list)
    part_of = resource.get("partOf")
    if part_of and not part_of.get("reference", "").startswith("Organization/"):
        check.fail("partOf is not an Organization reference")
    _telecoms(check, "telecom", resource.get("telecom", []))


def _location(check: Check) -> None:
    resource = check.resource
    cog = check.one_extension(resource, "", ROR + "ror-commune-cog", "valueCodeableConcept")
    if cog:
        codes = [c["code"] for c in cog["valueCodeableConcept"].get("coding", []) if c.get("system") == TRE_R13]
        if not codes or not Commune.objects.filter(code=codes[0]).exists():
            check.fail(f"ror-commune-cog {codes} is not a commune of the COG (JDV J124)")
    for identifier in resource.get("identifier", []):
        check.bound("identifier.type", identifier.get("type"), "J236")
    check.cardinality("type", resource.get("type", []), 0, 1)
    _telecoms(check, "telecom", resource.get("telecom", []))


CHECKS: dict[str, Callable[[Check], None]] = {
    "HealthcareService": _healthcare_service,
    "Organization": _organization,
    "Location": _location,
}


def violations(resource: Json) -> list[str]:
    check = Check(resource)
    _meta(check)
    CHECKS[resource["resourceType"]](check)
    return check.errors
