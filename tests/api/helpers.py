"""Small helpers for API tests: GET a path, get JSON back."""

from typing import Any

from django.test import Client


def get(path: str, client: Client | None = None, **params: Any) -> Any:
    response = (client or Client()).get(path, params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(path: str = "/api/v1/offres", **params: Any) -> list[str]:
    return [result["nom"] for result in get(path, **params)["results"]]


def error(path: str, **params: Any) -> dict[str, Any]:
    response = Client().get(path, params)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    payload: dict[str, Any] = response.json()
    return payload
