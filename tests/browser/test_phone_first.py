"""Phone first: a short card, light pages, the question before the results."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

KB = 1024


def weight(page, url: str) -> int:
    """Bytes of everything the page loads (map tiles aside: none are loaded at phone size)."""
    sizes: list[int] = []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
    page.goto(url, wait_until="networkidle")
    return sum(sizes)


def test_the_home_page_asks_the_question_and_weighs_under_250_kb(live_server, phone, directory) -> None:
    total = weight(phone, live_server.url + "/")
    expect(phone.get_by_role("radio")).to_have_count(14)  # 13 kinds of care and "tous les soins"
    expect(phone.locator("#resultats")).to_have_count(0)
    assert total <= 250 * KB, total


def test_a_results_page_weighs_under_400_kb_on_a_phone(live_server, phone, directory) -> None:
    total = weight(phone, live_server.url + "/?categorie=psychologie&commune=Quimper+%2829%29")
    expect(phone.locator("article.result")).to_have_count(3)
    assert total <= 400 * KB, total


def test_a_result_card_is_at_most_250_px_tall_on_a_375_px_phone(live_server, phone, directory) -> None:
    phone.goto(live_server.url + "/?categorie=&commune=Quimper+%2829%29")
    cards = phone.locator("article.result")
    expect(cards.first).to_be_visible()
    heights = [box["height"] for box in (cards.nth(i).bounding_box() for i in range(cards.count())) if box]
    assert heights and max(heights) <= 250, heights


def test_the_404_page_is_in_french(live_server, phone) -> None:
    response = phone.goto(live_server.url + "/nulle-part/")
    assert response.status == 404
    expect(phone.get_by_role("heading", level=1)).to_have_text("Cette page n'existe pas")
