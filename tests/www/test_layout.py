"""The search page's layout (annuaire/www/layout.py): rendered by Django once per variant,
filled in per request; always what a full Django render of the page gives."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import resolve
from django.utils.safestring import mark_safe

from annuaire.directory import fictitious
from annuaire.www import layout
from annuaire.www.layout import render_in_layout
from tests.accounts.factories import person
from tests.directory.factories import StructureFactory

pytestmark = pytest.mark.django_db

CONTENT = mark_safe('<h1>Résultats</h1><p data-x="a &amp; b">L\'Escale</p>')


def search_request(selection: list[int] | None = None, user: Any = None) -> Any:
    request = RequestFactory().get("/", {"commune": "Brest"})
    request.resolver_match = resolve("/")
    request.session = SessionStore()
    if selection is not None:
        request.session["fiche_offres"] = selection
    request.user = user or AnonymousUser()
    return request


def both_ways(request: Any, title: str) -> tuple[str, str]:
    """The page filled in from the memo, and rendered by Django from scratch."""
    filled = render_in_layout(request, "www/search.html", title, CONTENT).content.decode()
    return filled, render_to_string(
        "www/search.html",
        {
            "page_title": title,
            "page_html": CONTENT,
            "selection_bar_html": render_to_string("www/includes/selection_bar.html", {}, request),
        },
        request,
    )


@pytest.mark.parametrize(
    "request_of",
    [
        lambda: search_request(),
        lambda: search_request(selection=[3, 5]),
        lambda: search_request(selection=[7], user=person()),
    ],
    ids=["anonymous", "a nurse's selection", "signed in"],
)
def test_the_filled_layout_is_the_page_django_renders(request_of: Any) -> None:
    # Another request first: the memo holds the layout rendered for the first one.
    render_in_layout(search_request(), "www/search.html", "Recherche", CONTENT)
    request = request_of()
    filled, rendered = both_ways(request, "Yoga & sophrologie près de L'Hôpital-Camfrout <29>")
    assert filled == rendered
    assert "Yoga &amp; sophrologie près de L&#x27;Hôpital-Camfrout &lt;29&gt; –" in filled
    assert CONTENT in filled and "\x00" not in filled


def test_the_selection_bar_counts_the_offers_of_each_request() -> None:
    render_in_layout(search_request(), "www/search.html", "Recherche", CONTENT)
    filled = render_in_layout(search_request(selection=[3, 5]), "www/search.html", "Recherche", CONTENT)
    assert "2 offres pour la fiche d'orientation" in filled.content.decode().replace("&#x27;", "'")


def test_the_demo_banner_follows_the_data() -> None:
    fictitious.remember(False)
    assert (
        "Site de démonstration"
        not in render_in_layout(search_request(), "www/search.html", "R", CONTENT).content.decode()
    )
    StructureFactory(email=f"contact@exemple.{fictitious.FICTITIOUS_DOMAIN}")
    fictitious.remember(True)
    filled, rendered = both_ways(search_request(), "R")
    assert "Site de démonstration" in filled
    assert filled == rendered


def test_a_setting_change_is_seen(settings: Any) -> None:
    render_in_layout(search_request(), "www/search.html", "R", CONTENT)
    settings.SITE_NAME = "Annuaire des soins de support d'Armor"
    filled, rendered = both_ways(search_request(), "R")
    assert "Annuaire des soins de support d&#x27;Armor" in filled
    assert filled == rendered


def test_with_debug_on_nothing_is_kept_so_an_edited_template_shows_at_once(settings: Any) -> None:
    settings.DEBUG = True
    filled, rendered = both_ways(search_request(), "R")
    assert filled == rendered
    assert layout._layouts == {}
