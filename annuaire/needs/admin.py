"""The regional administrator edits the needs mapping here (the back office will take it over)."""

from typing import Any

from django import forms
from django.contrib import admin

from annuaire.needs.models import Question, Theme, validate_leads_to_care
from annuaire.taxonomy.models import SubCategory


class QuestionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Question
    fields = ["code", "text", "professional_text", "moments", "group", "order", "is_active"]
    extra = 0


class ThemeForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Theme
        fields = ["code", "label", "what_helps", "order", "categories", "subcategories"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subcategories"].queryset = SubCategory.objects.select_related("category")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        validate_leads_to_care(cleaned.get("categories") or [], cleaned.get("subcategories") or [])
        return cleaned


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = ThemeForm
    list_display = ["label", "code", "order"]
    list_editable = ["order"]
    search_fields = ["label", "code", "what_helps"]
    filter_horizontal = ["categories", "subcategories"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["text", "code", "theme", "moments", "group", "order", "is_active"]
    list_filter = ["moments", "group", "theme", "is_active"]
    search_fields = ["text", "professional_text", "code"]
