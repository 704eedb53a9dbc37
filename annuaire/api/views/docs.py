"""The OpenAPI document and a readable, self-contained documentation page (no CDN)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "head", "post", "put", "patch", "delete")


@lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    from annuaire.api.urls import SCHEMA_PATTERNS

    generator = SchemaGenerator(patterns=SCHEMA_PATTERNS)
    return generator.get_schema(request=None, public=True)  # type: ignore[no-any-return]


def _schema_type(parameter: dict[str, Any]) -> str:
    schema = parameter.get("schema", {})
    if schema.get("type") == "array":
        items = schema.get("items", {})
        return f"liste de {items.get('type', 'string')}"
    return str(schema.get("type", "string"))


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    operations = []
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if not operation:
                continue
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": operation.get("operationId", ""),
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": {"query": "requête", "path": "chemin"}.get(p.get("in", ""), p.get("in", "")),
                            "type": _schema_type(p),
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "responses": [
                        {"code": code, "description": response.get("description", "")}
                        for code, response in operation.get("responses", {}).items()
                    ],
                }
            )
    return operations


@require_safe
def documentation(request: HttpRequest) -> HttpResponse:
    document = openapi_document()
    return render(
        request,
        "api/docs.html",
        {"info": document.get("info", {}), "operations": _operations(document)},
    )
