"""The Jinja2 environment of the search page (annuaire/www/jinja_env.py). The tests run it
with StrictUndefined (tests/conftest.py): a name a template gets wrong is an error."""

import pytest
from django.template import engines
from jinja2 import UndefinedError


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
