"""`offer_url` (the URL of an offer's page, resolved once per URL configuration) gives what
`reverse` gives, whatever the title and the script prefix."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils.text import slugify

from annuaire.directory.models import offer_url


@pytest.mark.parametrize(
    ("pk", "title"),
    [(1, "Sophrologie"), (918273645, "Activité physique adaptée (APA) — séances"), (42, "« ! »"), (7, "")],
)
def test_offer_url_is_the_reversed_url(pk: int, title: str) -> None:
    expected = reverse("www:offer", kwargs={"pk": pk, "slug": slugify(title) or "offre"})
    assert offer_url(pk, title) == expected
    set_script_prefix("/annuaire/")
    try:
        assert offer_url(pk, title) == "/annuaire" + expected
    finally:
        clear_script_prefix()
