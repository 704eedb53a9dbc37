"""Reading a commune typed in a form (a name, a postal code or a label "Quimper (29)"),
with the rules of `annuaire.geo.lookup` shared by every way in."""

from __future__ import annotations

from django import forms

from annuaire.core.forms import checked
from annuaire.geo.lookup import resolve_place
from annuaire.geo.models import Commune


def typed_commune(value: str) -> Commune:
    answer = checked(resolve_place, value)
    if answer.homonyms:
        first = answer.homonyms[0]
        raise forms.ValidationError(
            f"Plusieurs communes s'appellent « {first.name} » : "
            f"précisez le département, par exemple « {first.label} ».",
            code="ambiguous",
        )
    assert answer.commune is not None
    return answer.commune
