"""`{% url %}` with the URLs of views without arguments remembered (`reverse_remembered`),
a builtin of the Django templates (config/settings.py). URLs with arguments are reversed
as Django's own tag does."""

from __future__ import annotations

from django import template
from django.template.base import Parser, Token
from django.template.context import Context
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.utils.html import conditional_escape

from annuaire.core.remembered_urls import reverse_remembered

register = template.Library()


class RememberedURLNode(URLNode):
    def render(self, context: Context) -> str:
        if self.args or self.kwargs or self.asvar:
            return str(super().render(context))
        try:  # as Django's URLNode does
            current_app = context.request.current_app  # type: ignore[attr-defined]
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace  # type: ignore[attr-defined]
            except AttributeError:
                current_app = None
        found = reverse_remembered(self.view_name.resolve(context), current_app)
        return str(conditional_escape(found)) if context.autoescape else found


@register.tag
def url(parser: Parser, token: Token) -> RememberedURLNode:
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
