"""Search results → a FHIR `Bundle` searchset: matches, `_include`/`_revinclude` entries,
paging links, `_elements` subsets, `_summary=count`, and an OperationOutcome entry listing
what was ignored. Each search type gives its rows and how to include their neighbours.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict

from annuaire.interop.fhir import codes, resources, ror
from annuaire.interop.fhir.params import ResultOptions

Resource = dict[str, Any]

# Always kept by `_elements` (FHIR search §3.1.1.5.9: mandatory and modifier elements).
ALWAYS_KEPT = {"resourceType", "id", "meta"}


def versioned(resource: Resource) -> Resource:
    """`meta.versionId`: a digest of the content, so it changes whenever the resource does."""
    # No cycle check: these dicts are built here, as trees (a third faster).
    body = json.dumps(
        {k: v for k, v in resource.items() if k != "meta"}, sort_keys=True, ensure_ascii=False, check_circular=False
    )
    last_updated = resource.get("meta", {}).get("lastUpdated", "")
    digest = hashlib.sha256((last_updated + body).encode()).hexdigest()[:16]
    resource.setdefault("meta", {})["versionId"] = digest
    return resource


def subset(resource: Resource, elements: Sequence[str]) -> Resource:
    kept = {k: v for k, v in resource.items() if k in ALWAYS_KEPT or k in elements}
    kept["meta"] = {**kept.get("meta", {}), "tag": [*kept.get("meta", {}).get("tag", []), codes.SUBSETTED]}
    return kept


@dataclass
class Page:
    """What a search type found: the total, this page's resources, their neighbours."""

    total: int
    matches: list[Resource] = field(default_factory=list)
    distances: list[float | None] = field(default_factory=list)
    included: list[Resource] = field(default_factory=list)


def entry(base: str, resource: Resource, mode: str, distance_km: float | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {
        "fullUrl": f"{base}/{resource['resourceType']}/{resource['id']}",
        "resource": resource,
        "search": {"mode": mode},
    }
    if distance_km is not None:
        found["search"]["extension"] = [
            {"url": codes.EXT_LOCATION_DISTANCE, "valueDistance": ror.distance_quantity(distance_km)}
        ]
    return found


def unique(resources_: Iterable[Resource], seen: set[tuple[str, str]]) -> list[Resource]:
    found = []
    for resource in resources_:
        key = (resource["resourceType"], resource["id"])
        if key not in seen:
            seen.add(key)
            found.append(resource)
    return found


def searchset(base: str, resource_type: str, params: QueryDict, options: ResultOptions, page: Page) -> dict[str, Any]:
    kept = [(k, v) for k, values in params.lists() if k not in ("_getpagesoffset", "_count") for v in values]

    def page_url(offset: int) -> str:
        query = [*kept, ("_count", str(options.count)), ("_getpagesoffset", str(offset))]
        return f"{base}/{resource_type}?{urlencode(query)}"

    links = [{"relation": "self", "url": page_url(options.offset)}]
    if not options.summary_count and options.count:
        if options.offset + options.count < page.total:
            links.append({"relation": "next", "url": page_url(options.offset + options.count)})
        if options.offset > 0:
            links.append({"relation": "previous", "url": page_url(max(0, options.offset - options.count))})
    entries = []
    for resource, distance in zip(page.matches, page.distances or [None] * len(page.matches), strict=True):
        versioned(resource)
        if distance is not None:
            resource.setdefault("extension", []).append(ror.calculated_distance(distance))
        if options.elements:
            resource = subset(resource, options.elements)
        entries.append(entry(base, resource, "match", distance))
    seen = {(r["resourceType"], r["id"]) for r in page.matches}
    entries += [entry(base, versioned(r), "include") for r in unique(page.included, seen)]
    if options.ignored:
        outcome = resources.operation_outcome(" ".join(options.ignored), code="not-supported", severity="warning")
        entries.append({"resource": outcome, "search": {"mode": "outcome"}})
    bundle: dict[str, Any] = {"resourceType": "Bundle", "type": "searchset", "total": page.total, "link": links}
    if entries:
        bundle["entry"] = entries
    return bundle


def paged(options: ResultOptions, total: int, rows: Callable[[int, int], list[Any]]) -> list[Any]:
    """This page's rows, none for `_summary=count`, `_count=0` or past the end."""
    if options.summary_count or not options.count or options.offset >= total:
        return []
    return rows(options.offset, options.count)
