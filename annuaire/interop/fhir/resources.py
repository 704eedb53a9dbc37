"""Our directory → FHIR R4 resources (JSON dicts), aligned on the ROR profiles.

Pure mapping, no queries: pass objects with their relations loaded (see `search.py`).
`base` is the FHIR base URL, e.g. "https://annuaire.example.org/fhir".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.utils import timezone

from annuaire.core.text import normalize
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Offer, Place, Structure
from annuaire.directory.models.contact import AddressMixin
from annuaire.geo.models import Commune
from annuaire.interop.fhir import codes
from annuaire.taxonomy.models import Category, SubCategory

Resource = dict[str, Any]


def instant(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def meta(moment: datetime, profile: str) -> dict[str, Any]:
    return {"lastUpdated": instant(moment), "profile": [profile]}


def vocabulary_url(base: str, code_system_id: str) -> str:
    return f"{base}/CodeSystem/{code_system_id}"


def coding(base: str, code_system_id: str, code: str, display: str) -> dict[str, str]:
    return {"system": vocabulary_url(base, code_system_id), "code": code, "display": display}


def vocabulary_concept(base: str, code_system_id: str, code: str) -> dict[str, Any]:
    vocabulary = codes.VOCABULARIES[code_system_id]
    return {"coding": [coding(base, code_system_id, code, vocabulary.label(code))]}


def reference(resource_type: str, uuid: object, display: str | None = None) -> dict[str, str]:
    ref = {"reference": f"{resource_type}/{uuid}"}
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


def telecom(phone: str = "", email: str = "", url: str = "", mss: str = "") -> list[dict[str, Any]]:
    points: list[dict[str, Any]] = []
    if phone:
        points.append({"system": "phone", "value": phone, "use": "work"})
    if email:
        points.append({"system": "email", "value": email, "use": "work"})
    if mss:
        points.append({"system": "email", "value": mss, "use": "work", "rank": 1})
    if url:
        points.append({"system": "url", "value": url, "use": "work"})
    return points


def identifier(system: str, value: str, type_code: str, type_display: str) -> dict[str, Any]:
    return {
        "use": "official",
        "type": {"coding": [{"system": codes.IDENTIFIER_TYPE_SYSTEM, "code": type_code, "display": type_display}]},
        "system": system,
        "value": value,
    }


def organization_identifiers(structure: Structure) -> list[dict[str, Any]]:
    """FINESS (EG and EJ), SIRET, SIREN and the national structure id (IDNST) derived as
    the CI-SIS does: "1" + FINESS, else "3" + SIRET, else "2" + SIREN."""
    found = []
    if structure.finess:
        found.append(
            identifier(codes.IDNST_SYSTEM, "1" + structure.finess, "IDNST", "Identifiant national de structure")
        )
    elif structure.siret:
        found.append(
            identifier(codes.IDNST_SYSTEM, "3" + structure.siret, "IDNST", "Identifiant national de structure")
        )
    elif structure.siren:
        found.append(
            identifier(codes.IDNST_SYSTEM, "2" + structure.siren, "IDNST", "Identifiant national de structure")
        )
    if structure.finess:
        found.append(identifier(codes.FINESS_SYSTEM, structure.finess, "FINEG", "FINESS d'entité géographique"))
    if structure.finess_legal:
        found.append(identifier(codes.FINESS_SYSTEM, structure.finess_legal, "FINEJ", "FINESS d'entité juridique"))
    if structure.siret:
        found.append(identifier(codes.SIRENE_SYSTEM, structure.siret, "SIRET", "SIRET"))
    if structure.siren:
        found.append(identifier(codes.SIRENE_SYSTEM, structure.siren, "SIREN", "SIREN"))
    return found


def organization(structure: Structure, base: str) -> Resource:
    resource: Resource = {
        "resourceType": "Organization",
        "id": str(structure.uuid),
        "meta": meta(structure.updated_at, codes.PROFILE_ORGANIZATION),
        "identifier": organization_identifiers(structure),
        "active": structure.is_published,  # false once delisted, suspended or ended (read by id)
        "type": [
            {
                "coding": [
                    {
                        "system": codes.ORGANIZATION_TYPE_SYSTEM,
                        "code": "GEOGRAPHICAL-ENTITY",
                        "display": "Entité géographique",
                    }
                ]
            },
            vocabulary_concept(base, "sos-type-structure", structure.kind),
        ],
        "name": structure.name,
        "telecom": telecom(structure.phone, structure.email, structure.website, structure.secure_messaging),
        "address": [address(structure)],
    }
    if not resource["identifier"]:
        del resource["identifier"]
    if not resource["telecom"]:
        del resource["telecom"]
    return resource


def location(place: Place, base: str) -> Resource:
    resource: Resource = {
        "resourceType": "Location",
        "id": str(place.uuid),
        "meta": meta(place.updated_at, codes.PROFILE_LOCATION),
        "extension": [
            {"url": codes.EXT_ROR_COMMUNE_COG, "valueCodeableConcept": {"coding": [commune_coding(place.commune)]}}
        ],
        "status": "active",
        "name": place.name,
        "mode": "instance",
        "address": address(place),
        "managingOrganization": reference("Organization", place.structure.uuid, place.structure.name),
    }
    if place.access_notes:
        resource["description"] = place.access_notes
    if place.phone:
        resource["telecom"] = telecom(place.phone)
    if place.lat is not None and place.lng is not None:
        resource["position"] = {"latitude": round(place.lat, 6), "longitude": round(place.lng, 6)}
    return resource


def taxonomy_concept(base: str, item: Category | SubCategory) -> dict[str, Any]:
    return {"coding": [coding(base, codes.TAXONOMY_ID, item.code, item.label)]}


def patient_type_extension(base: str, audiences: Iterable[str], age_groups: Iterable[str]) -> dict[str, Any] | None:
    """Who the offer is for, modelled on the ROR `ror-healthcareservice-patient-type`
    extension (public served + age range), with our own codes."""
    parts: list[dict[str, Any]] = []
    for code in audiences:
        parts.append({"url": "audience", "valueCodeableConcept": vocabulary_concept(base, "sos-public", code)})
    ages = list(age_groups)
    for code in ages:
        parts.append({"url": "ageGroup", "valueCodeableConcept": vocabulary_concept(base, "sos-age", code)})
    ranges = [codes.AGE_RANGES[code] for code in ages if code in codes.AGE_RANGES]
    if ranges:
        age_range: dict[str, Any] = {"low": _years(min(low for low, _ in ranges))}
        highs = [high for _, high in ranges]
        if None not in highs:
            age_range["high"] = _years(max(h for h in highs if h is not None))
        parts.append({"url": "ageRange", "valueRange": age_range})
    if not parts:
        return None
    return {"url": f"{base}/StructureDefinition/sos-patientele", "extension": parts}


def _years(value: int) -> dict[str, Any]:
    return {"value": value, "unit": "années", "system": codes.UCUM, "code": "a"}


PARCOURS_GLOBAL = "Parcours de soins global après le traitement d'un cancer"


def healthcare_service(offer: Offer, base: str) -> Resource:
    structure = offer.structure
    subcategories = list(offer.subcategories.all())
    places = list(offer.places.all())
    characteristic = [vocabulary_concept(base, "sos-modalite", code) for code in offer.modalities]
    characteristic += [vocabulary_concept(base, "sos-lieu-prise-en-charge", code) for code in offer.care_settings]
    characteristic += [vocabulary_concept(base, "sos-format", code) for code in offer.formats]
    characteristic += [vocabulary_concept(base, "sos-phase", code) for code in offer.phases]
    resource: Resource = {
        "resourceType": "HealthcareService",
        "id": str(offer.uuid),
        "meta": meta(offer.updated_at, codes.PROFILE_HEALTHCARESERVICE),
        "extension": [
            {"url": f"{base}/StructureDefinition/sos-reste-a-charge", "valueCodeableConcept": _cost(base, offer)}
        ],
        "identifier": [{"system": f"{base}/sid/offre", "value": str(offer.uuid)}],
        "active": offer.status == PublicationStatus.PUBLISHED and structure.is_published,
        "providedBy": reference("Organization", structure.uuid, structure.name),
        "category": [taxonomy_concept(base, offer.category)],
        "type": [taxonomy_concept(base, sub) for sub in subcategories],
        "specialty": [taxonomy_concept(base, sub) for sub in subcategories],
        "location": [reference("Location", place.uuid, place.name) for place in places],
        "name": offer.title,
    }
    patient_type = patient_type_extension(base, offer.audiences, offer.age_groups)
    if patient_type:
        resource["extension"].append(patient_type)
    if any(sub.is_non_conventional for sub in subcategories):
        resource["comment"] = "Pratique non conventionnelle : un complément aux traitements, jamais un remplacement."
    details = [offer.description.strip(), offer.how_to_access.strip()]
    if any(details):
        resource["extraDetails"] = "\n\n".join(d for d in details if d)
    points = telecom(offer.contact_phone, offer.contact_email)
    if points:
        resource["telecom"] = points
    if characteristic:
        resource["characteristic"] = characteristic
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
    if offer.schedule:
        resource["availabilityExceptions"] = offer.schedule
    return resource


def _cost(base: str, offer: Offer) -> dict[str, Any]:
    concept = vocabulary_concept(base, "sos-reste-a-charge", offer.cost)
    concept["text"] = offer.cost_label + (f" ({offer.cost_details})" if offer.cost_details else "")
    return concept


def taxonomy_code_system(base: str, categories: Iterable[Category]) -> Resource:
    """Our taxonomy: categories, each with its sub-categories as child concepts."""
    concepts = []
    for category in categories:
        children = [
            _concept(sub, inactive=not sub.is_active or not category.is_active) for sub in category.subcategories.all()
        ]
        concept = _concept(category, inactive=not category.is_active)
        if children:
            concept["concept"] = children
        concepts.append(concept)
    return {
        "resourceType": "CodeSystem",
        "id": codes.TAXONOMY_ID,
        "url": vocabulary_url(base, codes.TAXONOMY_ID),
        "name": "SosTaxonomie",
        "title": "Taxonomie des soins oncologiques de support",
        "status": "active",
        "experimental": False,
        "description": "Catégories de soins de support et leurs sous-catégories (soins précis), "
        "données éditables par le réseau régional.",
        "caseSensitive": True,
        "hierarchyMeaning": "is-a",
        "content": "complete",
        "count": sum(1 + len(c.get("concept", [])) for c in concepts),
        "property": [
            {"code": "nature", "description": "Place dans le référentiel INCa", "type": "code"},
            {"code": "inactive", "uri": "http://hl7.org/fhir/concept-properties#inactive", "type": "boolean"},
        ],
        "concept": concepts,
    }


def _concept(item: Category | SubCategory, *, inactive: bool) -> dict[str, Any]:
    concept: dict[str, Any] = {"code": item.code, "display": item.label}
    if item.description:
        concept["definition"] = item.description
    concept["property"] = [
        {"code": "nature", "valueCode": item.kind},
        {"code": "inactive", "valueBoolean": inactive},
    ]
    return concept


def vocabulary_code_system(base: str, code_system_id: str) -> Resource:
    vocabulary = codes.VOCABULARIES[code_system_id]
    concepts = [{"code": str(code), "display": str(label)} for code, label in vocabulary.choices.choices]
    return {
        "resourceType": "CodeSystem",
        "id": vocabulary.id,
        "url": vocabulary_url(base, vocabulary.id),
        "name": "".join(part.capitalize() for part in normalize(vocabulary.id).replace("-", " ").split()),
        "title": vocabulary.title,
        "status": "active",
        "experimental": False,
        "description": vocabulary.description,
        "caseSensitive": True,
        "content": "complete",
        "count": len(concepts),
        "concept": concepts,
    }


def operation_outcome(diagnostics: str, code: str = "invalid", severity: str = "error") -> Resource:
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": severity, "code": code, "diagnostics": diagnostics}],
    }
