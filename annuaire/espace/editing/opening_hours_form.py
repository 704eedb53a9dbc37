"""Opening hours entered as rows (day, opens, closes), saved as OpenStreetMap text.

The rows are a way in: they are read into `OpeningSlot`s and written by
`annuaire.core.opening_hours.format_opening_hours`, which owns the rules (closing after
opening, no overlap) and their French messages."""

from __future__ import annotations

from typing import Any

from django import forms

from annuaire.core.opening_hours import (
    DAY_LABELS,
    DAYS,
    OpeningHoursError,
    OpeningSlot,
    format_opening_hours,
    parse_opening_hours,
)

BLANK_ROWS = 3
DAY_CHOICES = [("", "—"), *((day, DAY_LABELS[day].capitalize()) for day in DAYS)]


class OpeningRowForm(forms.Form):
    day = forms.ChoiceField(label="Jour", choices=DAY_CHOICES, required=False)
    opens = forms.TimeField(
        label="Ouverture", required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    closes = forms.TimeField(
        label="Fermeture", required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [data.get(name) not in (None, "") for name in ("day", "opens", "closes")]
        if any(filled) and not all(filled):
            raise forms.ValidationError("Indiquez le jour, l'heure d'ouverture et l'heure de fermeture.")
        return data

    def slot(self) -> OpeningSlot | None:
        data = getattr(self, "cleaned_data", {})
        if not data.get("day"):
            return None
        return OpeningSlot(data["day"], data["opens"], data["closes"])


class BaseOpeningRows(forms.BaseFormSet):  # type: ignore[type-arg]
    osm_text = ""

    def clean(self) -> None:
        if any(self.errors):
            return
        try:
            slots = [slot for form in self.forms if (slot := form.slot()) is not None]
            self.osm_text = format_opening_hours(slots)
        except OpeningHoursError as error:
            raise forms.ValidationError(str(error)) from error


OpeningRowFormSet = forms.formset_factory(OpeningRowForm, formset=BaseOpeningRows, extra=0, max_num=21)


def opening_rows(data: Any, osm_text: str) -> tuple[BaseOpeningRows, str]:
    """The rows formset for `osm_text`, with blank rows to add more; and, when the saved text
    cannot be read back into rows, a French notice saying it will be replaced."""
    notice = ""
    try:
        slots = parse_opening_hours(osm_text)
    except OpeningHoursError:
        slots = []
        notice = f"Les horaires enregistrés (« {osm_text} ») ne se lisent pas en lignes : saisissez-les à nouveau."
    initial = [{"day": s.day, "opens": s.opens, "closes": s.closes} for s in slots]
    initial += [{}] * BLANK_ROWS
    rows: BaseOpeningRows = OpeningRowFormSet(data, initial=initial, prefix="horaires")  # type: ignore[assignment]
    return rows, notice
