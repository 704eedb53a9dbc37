"""`GET /fhir/metadata`: the CapabilityStatement, naming the ROR guide it follows."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from annuaire.interop import settings as interop_settings
from annuaire.interop.fhir import codes, params
from annuaire.interop.fhir.views import fhir_response

RESULT_PARAMETERS = [
    ("_count", "number", f"Taille de page ({params.DEFAULT_COUNT} par défaut, {params.MAX_COUNT} au plus)."),
    ("_getpagesoffset", "number", "Décalage de pagination."),
    ("_sort", "special", "Tri : name, _lastUpdated, _id (préfixe - pour l'ordre inverse), distance."),
]
PROFILES = {
    "Organization": codes.PROFILE_ORGANIZATION,
    "Location": codes.PROFILE_LOCATION,
    "HealthcareService": codes.PROFILE_HEALTHCARESERVICE,
}


def _resource(resource_type: str) -> dict[str, Any]:
    search_params = [
        {"name": name, "type": kind, "documentation": documentation}
        for name, (kind, documentation) in sorted(params.PARAMETERS[resource_type].items())
    ]
    search_params += [{"name": n, "type": t, "documentation": d} for n, t, d in RESULT_PARAMETERS]
    found: dict[str, Any] = {
        "type": resource_type,
        "profile": PROFILES[resource_type],
        "supportedProfile": [PROFILES[resource_type]],
        "interaction": [{"code": "read"}, {"code": "search-type"}],
        "versioning": "versioned",
        "readHistory": False,
        "conditionalRead": "full-support",
        "searchInclude": sorted(params.INCLUDES[resource_type]),
        "searchParam": search_params,
    }
    if params.REVINCLUDES[resource_type]:
        found["searchRevInclude"] = sorted(params.REVINCLUDES[resource_type])
    return found


@require_safe
def metadata(request: HttpRequest) -> HttpResponse:
    base = interop_settings.fhir_base()
    read_only = [{"code": "read"}, {"code": "search-type"}]
    return fhir_response(
        request,
        {
            "resourceType": "CapabilityStatement",
            "url": f"{base}/metadata",
            "name": "AnnuaireSosServeurFhir",
            "title": "Serveur FHIR de l'annuaire des soins oncologiques de support",
            "status": "active",
            "date": "2026-12-01",
            "publisher": interop_settings.source(),
            "kind": "instance",
            "software": {"name": "Annuaire SOS"},
            "implementation": {"description": "Annuaire des soins oncologiques de support", "url": base},
            "fhirVersion": codes.FHIR_VERSION,
            "format": ["application/fhir+json"],
            "implementationGuide": [codes.ROR_IMPLEMENTATION_GUIDE],
            "rest": [
                {
                    "mode": "server",
                    "documentation": "Lecture seule, données publiées uniquement. Paramètres inconnus ignorés et "
                    "signalés dans une entrée OperationOutcome, sauf avec l'en-tête Prefer: handling=strict (400). "
                    "Recherche aussi par POST [type]/_search (formulaire).",
                    "resource": [
                        _resource("Organization"),
                        _resource("Location"),
                        _resource("HealthcareService"),
                        {"type": "CodeSystem", "interaction": read_only},
                        {"type": "StructureDefinition", "interaction": read_only},
                    ],
                }
            ],
        },
    )
