"""A set of codes from a fixed vocabulary, stored portably in one text column.

Values are stored as ",code1,code2," so that `__contains=",code,"` matches one code
exactly, on SQLite and PostgreSQL alike (see docs/adr/0003-vocabularies-as-choice-sets.md).
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

DELIMITER = ","


def encode(codes: Iterable[str]) -> str:
    unique = sorted(set(codes))
    return DELIMITER + DELIMITER.join(unique) + DELIMITER if unique else ""


def decode(value: str | None) -> list[str]:
    return [code for code in (value or "").split(DELIMITER) if code]


class ChoiceSetField(models.CharField):  # type: ignore[type-arg]
    """A model field holding a list of codes taken from `choices`."""

    description = "Ensemble de codes d'un vocabulaire"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> list[str]:
        return decode(value)

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list | tuple | set):
            return list(value)
        return decode(value)

    def get_prep_value(self, value: Any) -> str:
        if isinstance(value, str):
            # Already a lookup fragment such as ",patients," (see `ChoiceSetField.lookup`).
            return value
        return encode(value or [])

    def validate(self, value: Any, model_instance: Any) -> None:
        allowed = {str(key) for key, _label in self.flatchoices}
        unknown = [code for code in value or [] if code not in allowed]
        if unknown:
            raise ValidationError(
                "Valeur inconnue : %(codes)s.", code="invalid_choice", params={"codes": ", ".join(unknown)}
            )
        if not value and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, form_class: Any = None, choices_form_class: Any = None, **kwargs: Any) -> forms.Field:
        return forms.TypedMultipleChoiceField(
            choices=list(self.choices or []),
            required=not self.blank,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def value_to_string(self, obj: Any) -> str:
        return encode(self.value_from_object(obj))

    @staticmethod
    def lookup(code: str) -> str:
        """The `__contains` argument that matches rows holding `code`."""
        return DELIMITER + code + DELIMITER
