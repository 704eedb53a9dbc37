"""Parameters forms (annuaire/core/forms.py): parse-only forms whose instances share their fields."""

from django import forms

from annuaire.core.forms import CodeListField, ParametersForm, StrictBooleanField
from annuaire.directory.enums import AgeGroup


class Filters(ParametersForm):
    q = forms.CharField(required=False, max_length=5)
    age = CodeListField(required=False, vocabulary=AgeGroup)
    gratuit = StrictBooleanField(required=False)


class MoreFilters(Filters):
    page = forms.IntegerField(required=False, min_value=1)


def test_instances_share_their_fields_instead_of_copying_them() -> None:
    first, second = MoreFilters({}), MoreFilters({})
    assert list(first.fields) == ["q", "age", "gratuit", "page"]
    assert all(first.fields[name] is second.fields[name] for name in first.fields)
    assert first.fields is not second.fields  # each instance may still reorder its own dict


def test_each_instance_parses_its_own_data() -> None:
    valid = Filters({"q": "yoga", "age": "adultes,aja", "gratuit": "oui"})
    invalid = Filters({"q": "trop long", "age": "bebes", "gratuit": "peut-etre"})
    assert valid.is_valid() and not invalid.is_valid()
    assert valid.cleaned_data == {"q": "yoga", "age": ["adultes", "aja"], "gratuit": True}
    assert set(invalid.errors) == {"q", "age", "gratuit"}
    assert Filters({"q": "yoga"}).is_valid()  # errors stay with the instance that had them
