"""The map: numbered like the list, the searched commune and its radius, a fallback offline."""

import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TILE_URLS, wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NEAR_QUIMPER = "/?" + urlencode({"categorie": "psychologie", "commune": "Quimper (29)"})


def test_markers_are_numbered_like_the_list_around_the_searched_commune(live_server, desktop, directory) -> None:
    page = desktop
    tiles: list[str] = []
    page.on("request", lambda request: TILE_URLS.match(request.url) and tiles.append(request.url))
    page.goto(live_server.url + NEAR_QUIMPER)
    expect(page.locator("article.result")).to_have_count(3)
    numbers = page.locator("#carte .map-number")
    expect(numbers.first).to_be_visible()
    page.get_by_role("button", name="Zoomer", exact=True).click()  # close markers leave their cluster
    wait_until(page, "document.querySelectorAll('#carte .map-number').length === 3")
    assert sorted(numbers.all_inner_texts()) == ["1", "2", "3"]
    first = page.locator(f'#carte .map-number[title="{directory["quimper_psy"].title}"]')
    expect(first).to_have_text("1")
    # The searched commune: a marker and the radius circle (two vector shapes).
    expect(page.locator("#carte .leaflet-overlay-pane path")).to_have_count(2)
    assert tiles and "PLANIGNV2" in tiles[0], "Plan IGN tiles by default"
    expect(page.locator("#carte .leaflet-control-attribution")).to_contain_text("IGN")


def test_without_tiles_the_map_draws_the_outlines_of_the_regions_in_view_only(live_server, desktop, directory) -> None:
    page = desktop
    page.route(TILE_URLS, lambda route: route.abort())
    outlines: list[str] = []
    page.on("request", lambda request: "/static/geo/regions/" in request.url and outlines.append(request.url))
    page.goto(live_server.url + NEAR_QUIMPER)
    expect(page.locator("#carte.map-offline")).to_be_attached()
    wait_until(page, "document.querySelectorAll('#carte .leaflet-overlay-pane path').length > 4")
    files = {url.rsplit("/", 1)[1] for url in outlines}
    assert "53.geojson" in files, files
    assert "93.geojson" not in files and "84.geojson" not in files, files


def test_on_a_phone_the_map_code_loads_only_when_the_map_is_asked_for(live_server, phone, directory) -> None:
    page = phone
    scripts: list[str] = []
    page.on("request", lambda request: request.url.endswith(".js") and scripts.append(request.url))
    page.goto(live_server.url + NEAR_QUIMPER)
    expect(page.locator("article.result")).to_have_count(3)
    assert not [url for url in scripts if "leaflet" in url], scripts
    page.get_by_role("button", name="Voir la carte").click()
    expect(page.locator("#carte .leaflet-marker-icon").first).to_be_visible()
    assert [url for url in scripts if re.search(r"leaflet\.js$", url)], scripts
