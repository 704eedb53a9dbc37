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


class _SharedFields(dict[str, forms.Field]):
    """The fields of a parameters form: Django's BaseForm.__init__ deep-copies them for each
    instance, here a plain copy of the dict keeps the same field objects."""

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, forms.Field]:
        return dict(self)


class _ParametersFormMetaclass(forms.forms.DeclarativeFieldsMetaclass):
    def __new__(mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any]) -> type:
        new_class = super().__new__(mcs, name, bases, attrs)
        new_class.base_fields = _SharedFields(new_class.base_fields)  # type: ignore[attr-defined]
        return new_class


class ParametersForm(forms.BaseForm, metaclass=_ParametersFormMetaclass):
    """A form that only reads parameters (a search's, an API filter's): never rendered, its
    fields never changed per request, so its instances share them. Copying fourteen fields
    with their widgets was a tenth of a search (docs/adr/0042)."""


# More distinct codes than any vocabulary holds: the cap on repeated parameters.
MAX_CODES = 100


class StrictBooleanField(forms.Field):
    """A yes/no parameter: `true`/`false` (also 1/0, on/off, oui/non); anything else is a
    French error, never read as yes (Django's BooleanField takes `null` for true)."""

    widget = forms.TextInput  # the raw value: CheckboxInput would turn any text into True
    TRUE = frozenset({"true", "1", "on", "oui"})
    FALSE = frozenset({"false", "0", "off", "non", ""})

    def to_python(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        text = str(value if value is not None else "").strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError("Valeur invalide : indiquez true ou false.", code="invalid")


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
        if len(value) > MAX_CODES:
            raise forms.ValidationError(f"Trop de valeurs : {MAX_CODES} au plus.", code="too_many")
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
