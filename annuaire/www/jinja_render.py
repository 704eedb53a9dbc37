"""Rendering the Jinja2 templates of annuaire/www/jinja2 into Django pages (docs/adr/0035)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template import engines
from django.test.signals import template_rendered
from django.utils.safestring import SafeString, mark_safe

from annuaire.core.remembered_urls import reverse_remembered
from annuaire.www import selection


def render_jinja(name: str, context: dict[str, Any]) -> SafeString:
    """`name` rendered with exactly `context` (no context processors: the caller gives what it uses)."""
    template = engines["jinja2"].env.get_template(name)  # type: ignore[attr-defined]
    if template_rendered.receivers:
        # Announced as Django's own engine does under test (django.test.utils.setup_test_environment),
        # so that the test client's `response.context` holds what the view rendered.
        template_rendered.send(sender=template, template=template, context=context)
    return mark_safe(template.render(context))


def selection_context(request: HttpRequest) -> dict[str, Any]:
    """What the selection toggles of a page need: the selection, its two URLs and the CSRF
    token (one masked token for every form of the page)."""
    return {
        "selection_ids": set(selection.selected_ids(request)),
        "selection_add_url": reverse_remembered("www:selection_add"),
        "selection_remove_url": reverse_remembered("www:selection_remove"),
        "csrf_value": get_token(request),
        "selection_full": False,
    }


def selection_toggle(request: HttpRequest, offer_pk: int, retour: str, full: bool = False) -> SafeString:
    """The "Ajouter à la fiche" / "Retirer de la fiche" form of one offer."""
    context = {**selection_context(request), "offer_pk": offer_pk, "retour": retour, "selection_full": full}
    return render_jinja("www/selection_toggle.html", context)
