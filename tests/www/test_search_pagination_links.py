"""The pagination links of the search page: a few numbers, never one per page."""

from django.core.paginator import Paginator

from annuaire.www.views.search import page_links


def test_a_deep_page_links_the_ends_and_two_neighbours_with_gaps_marked() -> None:
    page = Paginator(range(100_000), 20).page(200)
    assert page_links(page) == [1, None, 198, 199, 200, 201, 202, None, 5000]


def test_a_short_list_links_every_page() -> None:
    page = Paginator(range(100), 20).page(3)
    assert page_links(page) == [1, 2, 3, 4, 5]
