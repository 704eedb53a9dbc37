"""Form fields and helpers shared by the ways in (web forms, API parameters)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms

from annuaire.core.errors import InvalidValue

T = TypeVar("T")


def checked(parse: Callable[..., T], *args: Any) -> T:
    """Call a domain parser; its `InvalidValue` becomes a form error with the same French message."""
    try:
        return parse(*args)
    except InvalidValue as error:
        raise forms.ValidationError(error.message, code=error.code) from None


class CodeListField(forms.Field):
    """Codes given as repeated parameters or comma-separated: ?age=aja&age=adultes or ?age=aja,adultes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, vocabulary: Any = None, **kwargs: Any) -> None:
        self.vocabulary = vocabulary
        super().__init__(**kwargs)
        if vocabulary is not None:
            self.widget.choices = vocabulary.choices

    def to_python(self, value: Any) -> list[str]:
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        codes = [code.strip() for item in values for code in str(item).split(",") if code.strip()]
        return list(dict.fromkeys(codes))

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        if any("\x00" in code for code in value):
            # Never sent to the database (PostgreSQL refuses a NUL in text).
            raise forms.ValidationError("Le caractère nul n'est pas autorisé.", code="null_characters_not_allowed")
        if self.vocabulary is not None:
            unknown = [code for code in value if code not in self.vocabulary.values]
            if unknown:
                allowed = ", ".join(self.vocabulary.values)
                raise forms.ValidationError(
                    f"Valeur inconnue : {', '.join(unknown)}. Valeurs possibles : {allowed}.", code="unknown"
                )
