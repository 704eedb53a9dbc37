from typing import Any

from django import template
from django.utils.safestring import SafeString

from annuaire.www.jinja_render import selection_toggle as render_toggle

register = template.Library()


@register.simple_tag(takes_context=True)
def selection_toggle(context: Any, offer_pk: int, retour: str) -> SafeString:
    """`{% selection_toggle offer.pk request.get_full_path %}`: the offer's selection form."""
    return render_toggle(context["request"], offer_pk, retour)
