from typing import Any

from django import template
from django.utils.safestring import SafeString

from annuaire.www import glossary

register = template.Library()
register.filter("lower_first", glossary.lower_first)
register.filter("first_sentence", glossary.first_sentence)


@register.simple_tag(takes_context=True)
def explain(context: Any, text: object) -> SafeString:
    """`{% explain offer.title %}`: abbreviations marked up and spelt out at their first use on the page."""
    return glossary.explain(text, context.get("request"))
