"""What a form is bound to: the POST data (even empty: an empty POST is still a submission)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def posted(request: HttpRequest) -> tuple[Any, Any]:
    """(data, files) of a POST, or (None, None) for an unbound form."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def post_data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None
