"""Why a change is made: an optional field of the editing forms, kept in the history
(annuaire.audit) with every change saved at the same time."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from django import forms

from annuaire.audit.context import audit_reason


def reason_field() -> forms.CharField:
    return forms.CharField(
        label="Pourquoi ce changement ? (facultatif)",
        required=False,
        max_length=255,
        help_text="Gardé dans l'historique des modifications, avec votre nom et la date.",
    )


@contextlib.contextmanager
def saving_with_reason(form: forms.BaseForm, user: Any) -> Iterator[None]:
    """Changes saved in this block are recorded with the form's reason, if one was given."""
    reason = (form.cleaned_data.get("change_reason") or "").strip()
    if not reason:
        yield
        return
    with audit_reason(reason, user=user):
        yield
