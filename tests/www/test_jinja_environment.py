"""The Jinja2 environment of the search page (annuaire/www/jinja_env.py). The tests run it
with StrictUndefined (tests/conftest.py): a name a template gets wrong is an error."""

import pytest
from django.http import QueryDict
from django.template import engines
from django.template.defaulttags import querystring as django_querystring
from jinja2 import UndefinedError

from annuaire.www.jinja_env import querystring


def render(source: str, **context: object) -> str:
    return engines["jinja2"].env.from_string(source).render(context)  # type: ignore[attr-defined]


def test_a_dict_s_item_reads_with_a_dot_as_in_django_templates() -> None:
    values = {"commune": "Brest (29)", "error_ids": {"rayon": "erreur-rayon"}}
    assert render("{{ v.commune }}|{{ v.error_ids.rayon }}", v=values) == "Brest (29)|erreur-rayon"


def test_a_missing_item_is_undefined_as_jinja_makes_it() -> None:
    with pytest.raises(UndefinedError, match="has no attribute 'error_ids'"):
        render("{% if v.error_ids %}oui{% endif %}", v={})


def test_a_dict_s_methods_stay_methods_and_objects_keep_their_attributes() -> None:
    assert render("{% for k, n in v.items() %}{{ k }}={{ n }} {% endfor %}", v={"items": 2, "a": 1}) == "items=2 a=1 "
    assert render("{{ v.real }}", v=3) == "3"


@pytest.mark.parametrize(
    "query, changes",
    [
        ("categorie=douleur&page=193&commune=Rennes+%2835%29", {"page": 5}),
        ("categorie=douleur&page=193", {"page": None}),
        ("page=2", {"page": None}),
        ("", {"page": None}),
        ("", {"page": 3}),
        ("q=caf%C3%A9+%26+th%C3%A9&sous_categorie=a&sous_categorie=b", {"page": "2"}),
        ("sous_categorie=a&rayon=20", {"sous_categorie": ["c", "d"], "rayon": None, "q": "é/?"}),
    ],
)
def test_querystring_writes_what_django_s_tag_writes(query: str, changes: dict[str, object]) -> None:
    expected = django_querystring(None, QueryDict(query), **changes)  # type: ignore[arg-type]
    assert querystring(QueryDict(query), **changes) == expected
