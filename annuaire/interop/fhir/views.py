"""FHIR R4 read-only endpoints: search (Bundle searchset), read by id, CodeSystems,
CapabilityStatement. JSON only (`application/fhir+json`); errors are OperationOutcomes."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from annuaire.directory.models import Structure
from annuaire.interop import settings as interop_settings
from annuaire.interop.fhir import codes, resources, search
from annuaire.taxonomy.models import Category

Resource = dict[str, Any]


def fhir_base(request: HttpRequest) -> str:
    return interop_settings.public_base_url(request) + "/fhir"


def fhir_response(resource: Resource, status: int = 200) -> HttpResponse:
    body = json.dumps(resource, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type=codes.CONTENT_TYPE)


def outcome(message: str, status: int, code: str) -> HttpResponse:
    return fhir_response(resources.operation_outcome(message, code=code), status=status)


def bad_request(error: search.SearchError) -> HttpResponse:
    return outcome(str(error), 400, "invalid")


def not_found(resource_type: str, resource_id: str) -> HttpResponse:
    return outcome(f"Ressource introuvable : {resource_type}/{resource_id}.", 404, "not-found")


def _bundle(
    request: HttpRequest,
    resource_type: str,
    queryset: QuerySet[Any],
    to_resource: Callable[[Any], Resource],
    paging: search.Paging,
) -> HttpResponse:
    base = fhir_base(request)
    total = queryset.count()
    rows = (
        list(queryset[paging.offset : paging.offset + paging.count]) if paging.count and paging.offset < total else []
    )
    params = [(k, v) for k, v in request.GET.lists() if k not in ("_getpagesoffset", "_count")]

    def page_url(offset: int) -> str:
        flat = [(k, value) for k, values in params for value in values]
        flat += [("_count", str(paging.count)), ("_getpagesoffset", str(offset))]
        return f"{base}/{resource_type}?{urlencode(flat)}"

    links = [{"relation": "self", "url": page_url(paging.offset)}]
    if paging.count and paging.offset + paging.count < total:
        links.append({"relation": "next", "url": page_url(paging.offset + paging.count)})
    if paging.count and paging.offset > 0:
        links.append({"relation": "previous", "url": page_url(max(0, paging.offset - paging.count))})
    entries = []
    for row in rows:
        resource = to_resource(row)
        entries.append(
            {
                "fullUrl": f"{base}/{resource_type}/{resource['id']}",
                "resource": resource,
                "search": {"mode": "match"},
            }
        )
    bundle: Resource = {"resourceType": "Bundle", "type": "searchset", "total": total, "link": links}
    if entries:
        bundle["entry"] = entries
    return fhir_response(bundle)


def _search(
    request: HttpRequest,
    resource_type: str,
    build_queryset: Callable[[], QuerySet[Any]],
    to_resource: Callable[[Any], Resource],
) -> HttpResponse:
    try:
        search.check_parameters(resource_type, request.GET)
        paging = search.paging(request.GET)
        queryset = build_queryset()
    except search.SearchError as error:
        return bad_request(error)
    return _bundle(request, resource_type, queryset, to_resource, paging)


@require_GET
def organization_search(request: HttpRequest) -> HttpResponse:
    base = fhir_base(request)
    return _search(
        request,
        "Organization",
        lambda: search.organizations(request.GET),
        lambda structure: resources.organization(structure, base),
    )


@require_GET
def location_search(request: HttpRequest) -> HttpResponse:
    base = fhir_base(request)
    return _search(
        request, "Location", lambda: search.locations(request.GET), lambda place: resources.location(place, base)
    )


@require_GET
def healthcare_service_search(request: HttpRequest) -> HttpResponse:
    base = fhir_base(request)
    taxonomy_system = resources.vocabulary_url(base, codes.TAXONOMY_ID)
    return _search(
        request,
        "HealthcareService",
        lambda: search.healthcare_services(request.GET, taxonomy_system).with_result_relations(),
        lambda offer: resources.healthcare_service(offer, base),
    )


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@require_GET
def organization_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    structure = (
        # Once published: a delisted structure reads as `active: false`, so that harvesters drop it.
        Structure.objects.filter(published_at__isnull=False).select_related("commune").filter(uuid=resource_id).first()
        if _is_uuid(resource_id)
        else None
    )
    if structure is None:
        return not_found("Organization", resource_id)
    return fhir_response(resources.organization(structure, fhir_base(request)))


@require_GET
def location_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    place = search.published_places().filter(uuid=resource_id).first() if _is_uuid(resource_id) else None
    if place is None:
        return not_found("Location", resource_id)
    return fhir_response(resources.location(place, fhir_base(request)))


@require_GET
def healthcare_service_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    offer = search.once_published_offer(resource_id) if _is_uuid(resource_id) else None
    if offer is None:
        return not_found("HealthcareService", resource_id)
    return fhir_response(resources.healthcare_service(offer, fhir_base(request)))


@require_GET
def code_system_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    base = fhir_base(request)
    if resource_id == codes.TAXONOMY_ID:
        categories = Category.objects.prefetch_related("subcategories").order_by("order", "label")
        return fhir_response(resources.taxonomy_code_system(base, categories))
    if resource_id in codes.VOCABULARIES:
        return fhir_response(resources.vocabulary_code_system(base, resource_id))
    return not_found("CodeSystem", resource_id)


@require_GET
def code_system_search(request: HttpRequest) -> HttpResponse:
    base = fhir_base(request)
    ids = [codes.TAXONOMY_ID, *codes.VOCABULARIES]
    entries = [
        {"fullUrl": f"{base}/CodeSystem/{code_system_id}", "search": {"mode": "match"}} for code_system_id in ids
    ]
    for entry, code_system_id in zip(entries, ids, strict=True):
        response = code_system_read(request, code_system_id)
        entry["resource"] = json.loads(response.content)
    return fhir_response(
        {
            "resourceType": "Bundle",
            "type": "searchset",
            "total": len(entries),
            "link": [{"relation": "self", "url": f"{base}/CodeSystem"}],
            "entry": entries,
        }
    )


@require_GET
def unknown_resource(request: HttpRequest, resource_type: str, resource_id: str = "") -> HttpResponse:
    return outcome(
        f"Type de ressource non pris en charge : {resource_type}. "
        "Ressources disponibles : Organization, Location, HealthcareService, CodeSystem.",
        404,
        "not-supported",
    )


@require_GET
def metadata(request: HttpRequest) -> HttpResponse:
    base = fhir_base(request)

    def params(resource_type: str) -> list[dict[str, str]]:
        documentation = {
            "location.near-insee-code": "Offres à moins de N km d'une commune : code INSEE|distance|km "
            "(comme le ROR), ex. 29232|15|km.",
            "departement": "Code du département (ex. 29).",
            "service-category": "Code de catégorie de la taxonomie sos-taxonomie.",
            "specialty": "Code de soin (sous-catégorie) de la taxonomie sos-taxonomie.",
            "_getpagesoffset": "Décalage de pagination.",
        }
        return [
            {
                "name": name,
                "type": "date"
                if name == "_lastUpdated"
                else "number"
                if name in ("_count", "_getpagesoffset")
                else "special"
                if name == "location.near-insee-code"
                else "token",
                **({"documentation": documentation[name]} if name in documentation else {}),
            }
            for name in sorted(search.PARAMETERS[resource_type] - {"_format", "_pretty"})
        ]

    def rest_resource(resource_type: str, profile: str) -> dict[str, Any]:
        return {
            "type": resource_type,
            "supportedProfile": [profile],
            "interaction": [{"code": "read"}, {"code": "search-type"}],
            "searchParam": params(resource_type),
        }

    return fhir_response(
        {
            "resourceType": "CapabilityStatement",
            "status": "active",
            "date": "2026-01-01",
            "publisher": interop_settings.source(),
            "kind": "instance",
            "implementation": {"description": "Annuaire des soins oncologiques de support", "url": base},
            "fhirVersion": codes.FHIR_VERSION,
            "format": ["application/fhir+json"],
            "rest": [
                {
                    "mode": "server",
                    "documentation": "Lecture seule, données publiées uniquement.",
                    "resource": [
                        rest_resource("Organization", codes.PROFILE_ORGANIZATION),
                        rest_resource("Location", codes.PROFILE_LOCATION),
                        rest_resource("HealthcareService", codes.PROFILE_HEALTHCARESERVICE),
                        {"type": "CodeSystem", "interaction": [{"code": "read"}, {"code": "search-type"}]},
                    ],
                }
            ],
        }
    )
