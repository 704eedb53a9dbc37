"""Our own terminology and definitions, served so that every URL we emit resolves:
CodeSystems (`sos-taxonomie` and one per vocabulary) and the StructureDefinitions of our
extensions (`sos-reste-a-charge`, `sos-patientele`). National ones use official URLs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from annuaire.core.text import normalize
from annuaire.interop.fhir import codes
from annuaire.interop.fhir.resources import Resource, extension_url, vocabulary_url
from annuaire.taxonomy.models import Category, SubCategory


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


def _extension_element(path: str, element_id: str, **rest: Any) -> dict[str, Any]:
    return {"id": element_id, "path": path, **rest}


def _binding(base: str, code_system_id: str) -> dict[str, str]:
    return {"strength": "extensible", "description": f"Codes du CodeSystem {vocabulary_url(base, code_system_id)}"}


def _coded_slice(name: str, code_system_id: str, base: str) -> list[dict[str, Any]]:
    prefix = f"Extension.extension:{name}"
    return [
        _extension_element("Extension.extension", prefix, sliceName=name, min=0, max="*"),
        _extension_element("Extension.extension.url", f"{prefix}.url", fixedUri=name),
        _extension_element(
            "Extension.extension.value[x]",
            f"{prefix}.value[x]",
            type=[{"code": "CodeableConcept"}],
            binding=_binding(base, code_system_id),
        ),
    ]


def structure_definition(base: str, extension_id: str) -> Resource | None:
    """The definition of one of our extensions, on HealthcareService."""
    if extension_id == codes.EXT_COST_ID:
        title, description = "Reste à charge", "Ce que la personne paie pour l'offre (codes sos-reste-a-charge)."
        elements = [
            _extension_element("Extension", "Extension", min=0, max="1"),
            _extension_element("Extension.url", "Extension.url", fixedUri=extension_url(base, extension_id)),
            _extension_element(
                "Extension.value[x]",
                "Extension.value[x]",
                min=1,
                type=[{"code": "CodeableConcept"}],
                binding=_binding(base, "sos-reste-a-charge"),
            ),
        ]
    elif extension_id == codes.EXT_PATIENTELE_ID:
        title, description = "Patientèle", "Pour qui est l'offre (sos-public) et à quels âges (sos-age)."
        elements = [
            _extension_element("Extension", "Extension", min=0, max="1"),
            *_coded_slice("audience", "sos-public", base),
            *_coded_slice("ageGroup", "sos-age", base),
            _extension_element("Extension.url", "Extension.url", fixedUri=extension_url(base, extension_id)),
            _extension_element("Extension.value[x]", "Extension.value[x]", max="0"),
        ]
    else:
        return None
    return {
        "resourceType": "StructureDefinition",
        "id": extension_id,
        "url": extension_url(base, extension_id),
        "name": "".join(part.capitalize() for part in extension_id.split("-")),
        "title": title,
        "status": "active",
        "description": description,
        "fhirVersion": codes.FHIR_VERSION,
        "kind": "complex-type",
        "abstract": False,
        "context": [{"type": "element", "expression": "HealthcareService"}],
        "type": "Extension",
        "baseDefinition": "http://hl7.org/fhir/StructureDefinition/Extension",
        "derivation": "constraint",
        "differential": {"element": elements},
    }


STRUCTURE_DEFINITION_IDS = [codes.EXT_COST_ID, codes.EXT_PATIENTELE_ID]
