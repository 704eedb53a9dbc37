"""The Jinja2 environment of the few templates rendered by Jinja2 (docs/adr/0035).

The search page's content (its form, and the result list: twenty cards, each with its
selection toggle) is rendered by Jinja2: compiled to Python, it costs a fraction of
Django's template language for the same markup. Everything else, the layout around it
included, stays in Django templates. The helpers below are
those of the Django templates they replace, with the same output.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, QueryDict
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import json_script
from django.utils.safestring import SafeString
from jinja2 import Environment

from annuaire.core.remembered_urls import reverse_remembered
from annuaire.www import glossary


def url(name: str, *args: Any, **kwargs: Any) -> str:
    if not args and not kwargs:
        return reverse_remembered(name)
    return reverse(name, args=args or None, kwargs=kwargs or None)


def querystring(query: QueryDict, **changes: Any) -> str:
    """`{% querystring page=2 %}` of Django's templates, on `query` (the request's GET): the
    same text, without Django's deep copy of the query for each link (50 µs, ten links a page)."""
    lists = dict(query.lists())  # the lists are replaced, never changed
    for key, value in changes.items():
        if value is None:
            lists.pop(key, None)
        elif isinstance(value, Iterable) and not isinstance(value, str):
            lists[key] = list(value)
        else:
            lists[key] = [value]
    if not lists and not query:
        return ""
    return "?" + urlencode([(key, str(value)) for key, values in lists.items() for value in values])


def explain(text: object, request: HttpRequest | None) -> SafeString:
    return glossary.explain(text, request)


# What `d.name` means for a dict when `name` is also one of its methods: the method, as in Jinja2.
_DICT_METHODS = frozenset(dir(dict))


class PagesEnvironment(Environment):
    """Jinja2's environment, but `d.name` on a dict reads its item first. Jinja2 tries the
    attribute first, and a dict has none of that name: an AttributeError raised and caught,
    about a hundred per search page (the form's values, the choice groups)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_METHODS:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def environment(**options: Any) -> Environment:
    env = PagesEnvironment(**options)
    env.globals.update({"url": url, "static": static, "querystring": querystring, "explain": explain})
    env.filters.update({"first_sentence": glossary.first_sentence, "json_script": json_script})
    return env
