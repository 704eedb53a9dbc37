"""`{% url %}` in every Django template: the same URLs as Django's own tag, the URLs of views
without arguments worked out once per process (annuaire/core/templatetags/remembered_urls.py)."""

from collections.abc import Iterator

import pytest
from django.template import Context, Template
from django.urls import get_script_prefix, set_script_prefix

from annuaire.core import remembered_urls


def render(source: str, **values: object) -> str:
    return Template(source).render(Context(values))


@pytest.fixture
def script_prefix() -> Iterator[None]:
    before = get_script_prefix()
    yield
    set_script_prefix(before)


def test_urls_are_those_of_django() -> None:
    assert render("{% url 'www:about_sos' %}") == "/soins-de-support/"
    assert render("{% url 'www:offer' pk=12 slug='yoga' %}") == "/offres/12-yoga/"
    assert render("{% url 'www:offer' 12 'yoga' as link %}[{{ link }}]") == "[/offres/12-yoga/]"


def test_a_url_without_arguments_is_remembered_for_the_next_pages() -> None:
    remembered_urls._remembered.clear()
    render("{% url 'www:about_sos' %}")
    assert "/soins-de-support/" in remembered_urls._remembered.values()


def test_a_site_served_under_a_prefix_gets_its_prefix(script_prefix: None) -> None:
    render("{% url 'www:about_sos' %}")
    set_script_prefix("/annuaire/")
    assert render("{% url 'www:about_sos' %}") == "/annuaire/soins-de-support/"
