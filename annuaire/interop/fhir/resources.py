"""Our directory → FHIR R4 resources (JSON dicts) conforming to the ROR profiles.

Pure mapping, no queries: pass objects with their relations loaded (see `search.py`).
`base` is the FHIR base URL built from `SITE_URL`, e.g. "https://annuaire.example.org/fhir".
National codes come from `ror.py`; our own codes stay beside them as extra codings.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from annuaire.directory.models import Place, Structure
from annuaire.directory.models.contact import AddressMixin
from annuaire.geo.models import Commune
from annuaire.interop import nos
from annuaire.interop.fhir import codes, ror
from annuaire.interop.fhir.legal import LegalEntity, resource_id
from annuaire.interop.fhir.service_rows import ServiceRow
from annuaire.interop.models import RorMapping
from annuaire.taxonomy.models import Category, SubCategory

Resource = dict[str, Any]


def meta(moment: datetime, profile: str, commune: Commune | None = None, region: str | None = None) -> dict[str, Any]:
    """`region`: the region code when no commune is at hand."""
    result: dict[str, Any] = {"lastUpdated": ror.instant(moment), "profile": [profile]}
    tags = ror.region_tag(commune) if commune is not None else ror.region_code_tag(region)
    if tags:
        result["tag"] = tags
    return result


def vocabulary_url(base: str, code_system_id: str) -> str:
    return f"{base}/CodeSystem/{code_system_id}"


def extension_url(base: str, extension_id: str) -> str:
    return f"{base}/StructureDefinition/{extension_id}"


def coding(base: str, code_system_id: str, code: str, display: str) -> dict[str, str]:
    return {"system": vocabulary_url(base, code_system_id), "code": code, "display": display}


def vocabulary_concept(base: str, code_system_id: str, code: str) -> dict[str, Any]:
    vocabulary = codes.VOCABULARIES[code_system_id]
    return {"coding": [coding(base, code_system_id, code, vocabulary.label(code))]}


def reference(resource_type: str, resource_id: object, display: str | None = None) -> dict[str, str]:
    ref = {"reference": f"{resource_type}/{resource_id}"}
    if display:
        ref["display"] = display
    return ref


def commune_coding(commune: Commune) -> dict[str, str]:
    return {"system": codes.COMMUNE_SYSTEM, "code": commune.code, "display": commune.name}


def address(place: AddressMixin) -> dict[str, Any]:
    """A French postal address with the INSEE code of its commune (FR Core extension)."""
    result: dict[str, Any] = {
        "extension": [{"url": codes.EXT_ADDRESS_INSEE_CODE, "valueCoding": commune_coding(place.commune)}],
        "use": "work",
        "type": "both",
        "city": place.commune.name,
        "country": "FR",
    }
    lines = [line for line in (place.address_line, place.address_complement) if line]
    if lines:
        result["line"] = lines
    if place.postal_code:
        result["postalCode"] = place.postal_code
    return result


def organization_identifiers(structure: Structure) -> list[dict[str, Any]]:
    """IDNST ("1" + FINESS, else "3" + SIRET, else "2" + SIREN, as the CI-SIS), FINESS EG,
    SIRET, and the SIREN when no legal entity carries it (it then identifies the EJ)."""
    found = []
    if structure.finess:
        found.append(ror.structure_identifier("IDNST", "1" + structure.finess))
    elif structure.siret:
        found.append(ror.structure_identifier("IDNST", "3" + structure.siret))
    elif structure.siren:
        found.append(ror.structure_identifier("IDNST", "2" + structure.siren))
    if structure.finess:
        found.append(ror.structure_identifier("FINEG", structure.finess))
    if structure.siret:
        found.append(ror.structure_identifier("SIRET", structure.siret))
    if structure.siren and not structure.finess_legal:
        found.append(ror.structure_identifier("SIREN", structure.siren))
    return found


def _level(code: str) -> dict[str, Any]:
    """J203 (TRE_R67) EJ / EG with the FR Core organisation type beside it."""
    fr_core = {"EJ": ("LEGAL-ENTITY", "Entité juridique"), "EG": ("GEOGRAPHICAL-ENTITY", "Entité géographique")}[code]
    return {
        "coding": [
            nos.coding("J203", code),
            {"system": codes.ORGANIZATION_TYPE_SYSTEM, "code": fr_core[0], "display": fr_core[1]},
        ]
    }


def organization(structure: Structure, base: str) -> Resource:
    types = [_level("EG")]
    category = ror.ESTABLISHMENT_CATEGORY_BY_KIND.get(structure.kind)
    if category:
        types.append(nos.concept("J55", category))
    types.append(vocabulary_concept(base, "sos-type-structure", structure.kind))
    resource: Resource = {
        "resourceType": "Organization",
        "id": str(structure.uuid),
        "meta": meta(structure.updated_at, codes.PROFILE_ORGANIZATION, structure.commune),
        "extension": [ror.creation_date(structure.created_at)],
        "identifier": organization_identifiers(structure),
        "active": structure.is_published,  # false once delisted, suspended or ended (read by id)
        "type": types,
        "name": structure.name,
        "telecom": ror.telecoms(structure.phone, structure.email, structure.website, structure.secure_messaging),
        "address": [address(structure)],
    }
    if structure.finess_legal:
        resource["partOf"] = reference("Organization", resource_id(structure.finess_legal))
    for key in ("identifier", "telecom"):
        if not resource[key]:
            del resource[key]
    return resource


def legal_entity(entity: LegalEntity) -> Resource:
    return {
        "resourceType": "Organization",
        "id": entity.id,
        "meta": meta(entity.updated_at, codes.PROFILE_ORGANIZATION),
        "extension": [ror.creation_date(entity.created_at)],
        "identifier": [
            ror.structure_identifier("IDNST", "1" + entity.finess),
            ror.structure_identifier("FINEJ", entity.finess),
        ],
        "active": True,
        "type": [_level("EJ")],
        "name": entity.name,
    }


def location(place: Place, base: str) -> Resource:
    resource: Resource = {
        "resourceType": "Location",
        "id": str(place.uuid),
        "meta": meta(place.updated_at, codes.PROFILE_LOCATION, place.commune),
        "extension": [
            {"url": codes.EXT_ROR_COMMUNE_COG, "valueCodeableConcept": {"coding": [commune_coding(place.commune)]}},
            # A place does not store its own creation date: that of its structure's record,
            # which it cannot precede.
            ror.creation_date(place.structure.created_at),
        ],
        "identifier": [ror.own_identifier(base, codes.PLACE_ID_SYSTEM, "25", str(place.uuid))],
        "status": "active",
        "name": place.name,
        "mode": "instance",
        "address": address(place),
        "managingOrganization": reference("Organization", place.structure.uuid, place.structure.name),
    }
    if place.access_notes:
        resource["description"] = place.access_notes
    if place.phone:
        resource["telecom"] = ror.telecoms(place.phone)
    if place.lat is not None and place.lng is not None:
        resource["position"] = {"latitude": round(place.lat, 6), "longitude": round(place.lng, 6)}
    return resource


def taxonomy_concept(base: str, item: Category | SubCategory) -> dict[str, Any]:
    return {"coding": [coding(base, codes.TAXONOMY_ID, item.code, item.label)]}


def patientele_extension(base: str, audiences: list[str], age_groups: list[str]) -> dict[str, Any] | None:
    """Our own codes for whom the offer is for (the ROR's patient type has no code for
    relatives or professionals, nor our age groups)."""
    parts = [
        {"url": "audience", "valueCodeableConcept": vocabulary_concept(base, "sos-public", code)} for code in audiences
    ]
    parts += [
        {"url": "ageGroup", "valueCodeableConcept": vocabulary_concept(base, "sos-age", code)} for code in age_groups
    ]
    if not parts:
        return None
    return {"url": extension_url(base, codes.EXT_PATIENTELE_ID), "extension": parts}


PARCOURS_GLOBAL = "Parcours de soins global après le traitement d'un cancer"


def healthcare_service(offer: ServiceRow, base: str, mappings: Mapping[int, RorMapping]) -> Resource:
    """`offer`: `ServiceRow.of(offer)` for one offer, `service_rows(...)` for a page of them."""
    structure = offer.structure
    subcategories = offer.subcategories
    places = offer.places
    national = ror.national_codes(structure.kind, subcategories, offer.formats, offer.modalities, mappings)
    characteristic = ror.national_characteristics(national)
    characteristic += [vocabulary_concept(base, "sos-modalite", code) for code in offer.modalities]
    characteristic += [vocabulary_concept(base, "sos-lieu-prise-en-charge", code) for code in offer.care_settings]
    characteristic += [vocabulary_concept(base, "sos-format", code) for code in offer.formats]
    characteristic += [vocabulary_concept(base, "sos-phase", code) for code in offer.phases]
    extensions = [
        ror.creation_date(offer.created_at),
        {"url": codes.EXT_SENSITIVE_UNIT, "valueBoolean": False},
        ror.patient_type(offer.audiences, offer.age_groups),
        {"url": extension_url(base, codes.EXT_COST_ID), "valueCodeableConcept": _cost(base, offer)},
    ]
    patientele = patientele_extension(base, list(offer.audiences), list(offer.age_groups))
    if patientele:
        extensions.append(patientele)
    own_category = taxonomy_concept(base, offer.category)
    resource: Resource = {
        "resourceType": "HealthcareService",
        "id": str(offer.uuid),
        "meta": meta(
            offer.updated_at, codes.PROFILE_HEALTHCARESERVICE, region=places[0].region_code if places else None
        ),
        "extension": extensions,
        "identifier": [ror.own_identifier(base, codes.OFFER_ID_SYSTEM, "35", str(offer.uuid))],
        "active": offer.is_published,
        "providedBy": reference("Organization", structure.uuid, structure.name),
        "type": [nos.concept("J20", national.activity_field)],
        # One operational activity (J17), then our category and sub-categories.
        "specialty": [nos.concept("J17", national.operational_activity)]
        + ([] if national.offer_type else [own_category])
        + [taxonomy_concept(base, sub) for sub in subcategories],
        "location": [reference("Location", place.uuid, place.name) for place in places],
        "name": offer.title,
        "characteristic": characteristic,
    }
    if national.offer_type:
        # J238 (0..1, required binding) with our category beside it in the same concept.
        category = nos.concept("J238", national.offer_type)
        category["coding"] += own_category["coding"]
        resource["category"] = [category]
    if any(sub.is_non_conventional for sub in subcategories):
        resource["comment"] = "Pratique non conventionnelle : un complément aux traitements, jamais un remplacement."
    details = [offer.description.strip(), offer.how_to_access.strip()]
    if any(details):
        resource["extraDetails"] = "\n\n".join(d for d in details if d)
    points = ror.telecoms(offer.contact_phone, offer.contact_email)
    if points:
        resource["telecom"] = points
    if offer.parcours_global:
        resource["program"] = [{"text": PARCOURS_GLOBAL}]
    if offer.access:
        resource["eligibility"] = [
            {
                "code": vocabulary_concept(base, "sos-acces", code),
                "comment": codes.VOCABULARIES["sos-acces"].label(code),
            }
            for code in offer.access
        ]
    times = ror.available_times(offer.opening_hours)
    if times:
        resource["availableTime"] = times
    if offer.schedule:
        resource["availabilityExceptions"] = offer.schedule
    return resource


def _cost(base: str, offer: ServiceRow) -> dict[str, Any]:
    concept = vocabulary_concept(base, "sos-reste-a-charge", offer.cost)
    concept["text"] = offer.cost_label + (f" ({offer.cost_details})" if offer.cost_details else "")
    return concept


def operation_outcome(diagnostics: str, code: str = "invalid", severity: str = "error") -> Resource:
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": severity, "code": code, "diagnostics": diagnostics}],
    }
