"""FHIR R4 read-only endpoints: search (GET, HEAD, POST `_search`), read by id with ETag and
Last-Modified, CodeSystems, StructureDefinitions, CapabilityStatement. JSON only
(`application/fhir+json`); errors are OperationOutcomes. URLs come from `SITE_URL`."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from annuaire.directory.models import Offer, Place, Structure
from annuaire.interop import settings as interop_settings
from annuaire.interop.fhir import bundle, codes, legal, resources, search, terminology
from annuaire.interop.fhir import params as fhir_params
from annuaire.interop.fhir.params import ResultOptions, SearchError
from annuaire.interop.fhir.service_rows import ServiceRow, ror_mappings, service_rows
from annuaire.taxonomy.models import Category

Resource = dict[str, Any]


def fhir_response(request: HttpRequest, resource: Resource, status: int = 200) -> HttpResponse:
    body = json.dumps(resource, ensure_ascii=False, check_circular=False)  # trees built here: no cycle to look for
    response = HttpResponse(body, status=status, content_type=codes.CONTENT_TYPE)
    if request.method == "HEAD":
        response["Content-Length"] = str(len(response.content))
        response.content = b""
    return response


def outcome(request: HttpRequest, message: str, status: int, code: str) -> HttpResponse:
    return fhir_response(request, resources.operation_outcome(message, code=code), status=status)


def bad_request(request: HttpRequest, error: SearchError) -> HttpResponse:
    return outcome(request, str(error), 400, "invalid")


def not_found(request: HttpRequest, resource_type: str, resource_id: str) -> HttpResponse:
    return outcome(request, f"Ressource introuvable : {resource_type}/{resource_id[:100]}.", 404, "not-found")


def strict(request: HttpRequest) -> bool:
    return "handling=strict" in request.headers.get("Prefer", "").replace(" ", "").lower()


def search_params(request: HttpRequest) -> QueryDict:
    """The query string, plus the form body of `POST [type]/_search`."""
    if request.method != "POST":
        return request.GET
    merged = request.GET.copy()
    for name, values in request.POST.lists():
        for value in values:
            merged.appendlist(name, value)
    return merged


# --- searches ----------------------------------------------------------------------


def _organizations_of(structure_ids: set[int], base: str) -> list[Resource]:
    found = Structure.objects.filter(pk__in=structure_ids).select_related("commune__departement").order_by("pk")
    return [resources.organization(structure, base) for structure in found] if structure_ids else []


def _legal_entities_of(finess_numbers: set[str]) -> list[Resource]:
    if not finess_numbers:
        return []
    rows = legal.legal_entities(Structure.objects.published().filter(finess_legal__in=finess_numbers))
    return [resources.legal_entity(legal.from_row(row)) for row in rows]


def organization_page(params: QueryDict, options: ResultOptions, base: str) -> bundle.Page:
    found = search.organizations(params, options.sort)
    total = found.count()
    rows = bundle.paged(options, total, found.page)
    page = bundle.Page(total=total)
    for row in rows:
        if isinstance(row, legal.LegalEntity):
            page.matches.append(resources.legal_entity(row))
        else:
            page.matches.append(resources.organization(row, base))
    if "Organization:partof" in options.includes:
        page.included += _legal_entities_of(
            {r.finess_legal for r in rows if isinstance(r, Structure) and r.finess_legal}
        )
    return page


def location_page(params: QueryDict, options: ResultOptions, base: str) -> bundle.Page:
    found = search.locations(params, options.sort)
    total = found.count()
    rows: list[Place] = bundle.paged(options, total, lambda offset, count: list(found[offset : offset + count]))
    page = bundle.Page(total=total, matches=[resources.location(place, base) for place in rows])
    if "Location:organization" in options.includes:
        page.included += _organizations_of({place.structure_id for place in rows}, base)
    if "HealthcareService:location" in options.revincludes and rows:
        offers = Offer.objects.published().filter(places__in=rows).distinct().order_by("pk")
        table = ror_mappings()
        page.included += [resources.healthcare_service(offer, base, table) for offer in service_rows(offers)]
    return page


def healthcare_service_page(params: QueryDict, options: ResultOptions, base: str) -> bundle.Page:
    taxonomy_system = resources.vocabulary_url(base, codes.TAXONOMY_ID)
    found, near = search.healthcare_services(params, taxonomy_system, options.sort)
    total = found.count()
    rows: list[ServiceRow] = bundle.paged(
        options, total, lambda offset, count: service_rows(found.window(offset, offset + count), near is not None)
    )
    table = ror_mappings()
    page = bundle.Page(total=total, matches=[resources.healthcare_service(offer, base, table) for offer in rows])
    if near is not None:
        page.distances = [offer.distance_km for offer in rows]
    structure_ids = {offer.structure.pk for offer in rows}
    if "HealthcareService:organization" in options.includes:
        page.included += _organizations_of(structure_ids, base)
        if "Organization:partof" in options.includes:
            page.included += _legal_entities_of({offer.structure.finess_legal for offer in rows} - {""})
    if "HealthcareService:location" in options.includes:
        place_ids = {place.pk for offer in rows for place in offer.places}
        places = search.published_places().filter(pk__in=place_ids).order_by("pk") if place_ids else []
        page.included += [resources.location(place, base) for place in places]
    return page


PAGES: dict[str, Callable[[QueryDict, ResultOptions, str], bundle.Page]] = {
    "Organization": organization_page,
    "Location": location_page,
    "HealthcareService": healthcare_service_page,
}


def _search(request: HttpRequest, resource_type: str) -> HttpResponse:
    base = interop_settings.fhir_base()
    params = search_params(request)
    try:
        options = fhir_params.check(resource_type, params, strict=strict(request))
        page = PAGES[resource_type](params, options, base)
    except SearchError as error:
        return bad_request(request, error)
    return fhir_response(request, bundle.searchset(base, resource_type, params, options, page))


@require_safe
def organization_search(request: HttpRequest) -> HttpResponse:
    return _search(request, "Organization")


@require_safe
def location_search(request: HttpRequest) -> HttpResponse:
    return _search(request, "Location")


@require_safe
def healthcare_service_search(request: HttpRequest) -> HttpResponse:
    return _search(request, "HealthcareService")


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def post_search(request: HttpRequest, resource_type: str) -> HttpResponse:
    """`POST [base]/[type]/_search` with a form-encoded body (FHIR search §3.1.1.0.1)."""
    if resource_type not in PAGES:
        return _unsupported(request, resource_type)
    return _search(request, resource_type)


# --- reads -------------------------------------------------------------------------


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def read_response(request: HttpRequest, resource: Resource, updated_at: datetime) -> HttpResponse:
    """A resource with its version: ETag and Last-Modified, 304 when the client has it."""
    bundle.versioned(resource)
    etag = f'W/"{resource["meta"]["versionId"]}"'
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if_none_match = request.headers.get("If-None-Match")
    if (if_none_match and etag.removeprefix("W/") in if_none_match) or (
        if_none_match is None and since is not None and int(updated_at.timestamp()) <= since
    ):
        response = HttpResponse(status=304)
    else:
        response = fhir_response(request, resource)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(updated_at.timestamp())
    return response


@require_safe
def organization_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    finess = legal.finess_of(resource_id)
    if finess:
        entity = legal.published_legal_entity(finess)
        if entity is None:
            return not_found(request, "Organization", resource_id)
        return read_response(request, resources.legal_entity(entity), entity.updated_at)
    structure = (
        # Once published: a delisted structure reads as `active: false`, so that harvesters drop it.
        Structure.objects.filter(published_at__isnull=False)
        .select_related("commune__departement")
        .filter(uuid=resource_id)
        .first()
        if _is_uuid(resource_id)
        else None
    )
    if structure is None:
        return not_found(request, "Organization", resource_id)
    base = interop_settings.fhir_base()
    return read_response(request, resources.organization(structure, base), structure.updated_at)


@require_safe
def location_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    place = search.published_places().filter(uuid=resource_id).first() if _is_uuid(resource_id) else None
    if place is None:
        return not_found(request, "Location", resource_id)
    return read_response(request, resources.location(place, interop_settings.fhir_base()), place.updated_at)


@require_safe
def healthcare_service_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    offer = search.once_published_offer(resource_id) if _is_uuid(resource_id) else None
    if offer is None:
        return not_found(request, "HealthcareService", resource_id)
    resource = resources.healthcare_service(ServiceRow.of(offer), interop_settings.fhir_base(), ror_mappings())
    return read_response(request, resource, offer.updated_at)


# --- terminology and definitions ---------------------------------------------------


def _code_system(resource_id: str) -> Resource | None:
    base = interop_settings.fhir_base()
    if resource_id == codes.TAXONOMY_ID:
        categories = Category.objects.prefetch_related("subcategories").order_by("order", "label")
        return terminology.taxonomy_code_system(base, categories)
    if resource_id in codes.VOCABULARIES:
        return terminology.vocabulary_code_system(base, resource_id)
    return None


def _list(request: HttpRequest, resource_type: str, found: list[Resource]) -> HttpResponse:
    base = interop_settings.fhir_base()
    return fhir_response(
        request,
        {
            "resourceType": "Bundle",
            "type": "searchset",
            "total": len(found),
            "link": [{"relation": "self", "url": f"{base}/{resource_type}"}],
            "entry": [bundle.entry(base, resource, "match") for resource in found],
        },
    )


@require_safe
def code_system_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    found = _code_system(resource_id)
    return fhir_response(request, found) if found else not_found(request, "CodeSystem", resource_id)


@require_safe
def code_system_search(request: HttpRequest) -> HttpResponse:
    found = [_code_system(code_system_id) for code_system_id in [codes.TAXONOMY_ID, *codes.VOCABULARIES]]
    return _list(request, "CodeSystem", [resource for resource in found if resource])


@require_safe
def structure_definition_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    found = terminology.structure_definition(interop_settings.fhir_base(), resource_id)
    return fhir_response(request, found) if found else not_found(request, "StructureDefinition", resource_id)


@require_safe
def structure_definition_search(request: HttpRequest) -> HttpResponse:
    base = interop_settings.fhir_base()
    found = [terminology.structure_definition(base, sd_id) for sd_id in terminology.STRUCTURE_DEFINITION_IDS]
    return _list(request, "StructureDefinition", [resource for resource in found if resource])


@require_safe
def unknown_resource(request: HttpRequest, resource_type: str, resource_id: str = "") -> HttpResponse:
    return _unsupported(request, resource_type)


def _unsupported(request: HttpRequest, resource_type: str) -> HttpResponse:
    return outcome(
        request,
        f"Type de ressource non pris en charge : {resource_type[:100]}. Ressources disponibles : Organization, "
        "Location, HealthcareService, CodeSystem, StructureDefinition.",
        404,
        "not-supported",
    )
