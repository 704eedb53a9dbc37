"""Every public page carries the security headers and a Content-Security-Policy without
'unsafe-inline', and holds no inline script or style that such a policy would block."""

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.directory.factories import OfferFactory
from tests.geo.factories import BREST, commune
from tests.server.helpers import setting

pytestmark = pytest.mark.django_db

# Every www route must be listed here (with the URL to fetch) or the coverage test fails:
# a new public page is checked as soon as it exists.
ROUTES_WITH_ARGUMENTS = {"www:offer", "www:structure"}
EXTRA_PAGES = ["api:docs", "opendata:index"]


def www_route_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return {name for name in names if name.startswith("www:")}


def public_pages() -> list[str]:
    offer = OfferFactory(title="Consultation de psychologue", commune=commune(BREST))
    urls = [reverse(name) for name in sorted(www_route_names() - ROUTES_WITH_ARGUMENTS)]
    urls += [reverse(name) for name in EXTRA_PAGES]
    urls += [
        offer.get_absolute_url(),
        offer.structure.get_absolute_url(),
        f"{reverse('www:search')}?commune=Brest&rayon=20",
        f"{reverse('www:orientation_sheet')}?offre={offer.pk}",
        f"{reverse('www:commune_suggestions')}?q=bre",
    ]
    return urls


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.I)


def test_the_list_of_checked_pages_covers_every_public_route(client: Client) -> None:
    fetched = {url.split("?")[0] for url in public_pages()}
    for name in www_route_names() - ROUTES_WITH_ARGUMENTS:
        assert reverse(name) in fetched, name


def test_every_public_page_has_a_strict_policy_and_no_inline_script_or_style(client: Client) -> None:
    for url in public_pages():
        response = client.get(url)
        if response.status_code == 405:
            continue  # a POST-only form endpoint (adding an offer to the sheet): no page of its own
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, url
        assert "frame-ancestors 'none'" in policy, url
        if not response["Content-Type"].startswith("text/html"):
            continue  # e.g. /favicon.ico: the headers only
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html))
        assert not STYLE_ATTRIBUTE.search(html), (url, STYLE_ATTRIBUTE.search(html))
        assert not STYLE_ELEMENT.search(html), url


def test_htmx_partials_carry_no_inline_script_or_style(client: Client) -> None:
    OfferFactory(title="Consultation de psychologue", commune=commune(BREST))
    response = client.get(f"{reverse('www:search')}?commune=Brest", headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html) and not STYLE_ATTRIBUTE.search(html)


def test_pages_forbid_sniffing_framing_and_leaking_the_full_referrer(client: Client) -> None:
    response = client.get(reverse("www:about_directory"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_api_answers_carry_the_policy_too(client: Client) -> None:
    response = client.get(reverse("api:offers"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_map_tile_server_is_allowed_by_its_origin_only() -> None:
    images = setting(
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']",
        {"MAP_TILE_URL": "https://data.geopf.fr/wmts?LAYER=PLAN&TILEMATRIX={z}&TILECOL={x}&TILEROW={y}"},
    )
    assert images == "[\"'self'\", 'data:', 'https://data.geopf.fr']"
    without_tiles = setting("settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']", {"MAP_TILE_URL": ""})
    assert without_tiles == "[\"'self'\", 'data:']"
