"""`{% url %}` with the URLs of views without arguments remembered (a template builtin,
config/settings.py).

Django reverses every `{% url %}` again on every page: a search page names fifteen views
without arguments, which cost about a fifth of its rendering. Such a URL depends only on
the URLconf, the namespace of the current application and the script prefix, so it is
worked out once per process for each of them. A new URLconf (tests that override it)
comes with a new resolver, hence new keys. URLs with arguments are reversed as before.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import Parser, Token
from django.template.context import Context
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()

_remembered: dict[tuple[Any, ...], str] = {}


class RememberedURLNode(URLNode):
    def render(self, context: Context) -> str:
        if self.args or self.kwargs or self.asvar:
            return str(super().render(context))
        view_name = self.view_name.resolve(context)
        try:  # as Django's URLNode does
            current_app = context.request.current_app  # type: ignore[attr-defined]
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace  # type: ignore[attr-defined]
            except AttributeError:
                current_app = None
        key = (get_resolver(get_urlconf()), get_script_prefix(), view_name, current_app)
        found = _remembered.get(key)
        if found is None:
            found = _remembered[key] = reverse(view_name, current_app=current_app)
        return str(conditional_escape(found)) if context.autoescape else found


@register.tag
def url(parser: Parser, token: Token) -> RememberedURLNode:
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
