"""The coordinator's forms: the criteria grid and the decision."""

from __future__ import annotations

from typing import Any

from django import forms

from annuaire.applications.criteria import CRITERIA
from annuaire.applications.models import CriterionAssessment

VALID, NOT_VALID = "valide", "non-valide"
_STATES = [("", "Pas encore examiné"), (VALID, "Valide"), (NOT_VALID, "Non valide")]


class GridForm(forms.Form):
    """One choice (valid / not valid / not examined) and one comment per criterion."""

    def __init__(self, *args: Any, assessments: dict[str, CriterionAssessment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in CRITERIA:
            current = assessments.get(criterion.code)
            state = "" if current is None or current.is_valid is None else (VALID if current.is_valid else NOT_VALID)
            self.fields[f"{criterion.code}-etat"] = forms.ChoiceField(
                label=f"Critère {criterion.number} : {criterion.label}",
                choices=_STATES,
                required=False,
                initial=state,
                widget=forms.RadioSelect,
            )
            self.fields[f"{criterion.code}-commentaire"] = forms.CharField(
                label=f"Commentaire sur le critère {criterion.number}",
                required=False,
                max_length=2000,
                initial=current.comment if current else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def marks(self) -> dict[str, tuple[bool | None, str]]:
        marks: dict[str, tuple[bool | None, str]] = {}
        for criterion in CRITERIA:
            state = self.cleaned_data[f"{criterion.code}-etat"]
            is_valid = {VALID: True, NOT_VALID: False}.get(state)
            marks[criterion.code] = (is_valid, self.cleaned_data[f"{criterion.code}-commentaire"])
        return marks

    def rows(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        return [(c, self[f"{c.code}-etat"], self[f"{c.code}-commentaire"]) for c in CRITERIA]


class DecisionForm(forms.Form):
    ACCEPT, SEND_BACK, REFUSE = "accepter", "renvoyer", "refuser"

    decision = forms.ChoiceField(
        choices=[(ACCEPT, "Accepter"), (SEND_BACK, "Renvoyer pour compléments"), (REFUSE, "Refuser")],
        error_messages={"invalid_choice": "Choisissez : accepter, renvoyer ou refuser."},
    )
    message = forms.CharField(
        label="Message à la structure",
        required=False,
        max_length=5000,
        help_text="Obligatoire pour un renvoi ou un refus. Pour un renvoi, les commentaires des critères non valides "
        "sont ajoutés automatiquement.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
