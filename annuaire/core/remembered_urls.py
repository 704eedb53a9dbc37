"""URLs worked out once per process: those of views without arguments, and URL patterns
whose fixed arguments are placeholders filled in afterwards (`offer_url`).

Django reverses every `{% url %}` again on every page: a search page names fifteen views
without arguments, which cost about a fifth of its rendering. Such a URL depends only on
the URLconf, the namespace of the current application and the script prefix, so it is
worked out once per process for each of them. A new URLconf (tests that override it)
comes with a new resolver, hence new keys.
"""

from __future__ import annotations

from typing import Any

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse

_remembered: dict[tuple[Any, ...], str] = {}


def reverse_remembered(view_name: str, current_app: str | None = None, kwargs: dict[str, Any] | None = None) -> str:
    """`reverse(view_name, …)`, once per URLconf, script prefix, application and `kwargs`."""
    arguments = tuple(sorted((kwargs or {}).items()))
    key = (get_resolver(get_urlconf()), get_script_prefix(), view_name, current_app, arguments)
    found = _remembered.get(key)
    if found is None:
        found = _remembered[key] = reverse(view_name, current_app=current_app, kwargs=kwargs)
    return found
