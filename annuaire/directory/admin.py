"""The technical administration: statuses are read-only here (they change through the
publication workflow, in the back office) and every offer saved is checked by the one
validation function (annuaire.directory.validation)."""

from typing import Any

from django import forms
from django.contrib import admin

from annuaire.directory.models import Notice, Offer, Place, PublicationEvent, Structure
from annuaire.directory.validation import check_offer

WORKFLOW_FIELDS = ["status", "status_changed_at", "published_at", "last_verified_at"]


class PlaceInline(admin.StackedInline):  # type: ignore[type-arg]
    model = Place
    extra = 0
    autocomplete_fields = ["commune"]


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "kind", "commune", "status", "last_verified_at"]
    list_filter = ["status", "kind", "commune__departement"]
    search_fields = ["name", "siret", "finess"]
    autocomplete_fields = ["commune"]
    readonly_fields = WORKFLOW_FIELDS
    inlines = [PlaceInline]


class OfferAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    """The admin builds the fields (ModelAdmin.get_form); this adds the offer validation."""

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        if self.errors or not self.instance.structure_id:
            return
        check = check_offer(
            self.instance,
            subcategories=self.cleaned_data.get("subcategories") or [],
            places=self.cleaned_data.get("places") or [],
        )
        for name, messages in check.errors.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = OfferAdminForm
    list_display = ["title", "structure", "category", "status", "last_verified_at"]
    list_filter = ["status", "category", "cost", "parcours_global"]
    search_fields = ["title", "structure__name"]
    autocomplete_fields = ["structure"]
    filter_horizontal = ["subcategories", "places"]
    readonly_fields = [*WORKFLOW_FIELDS, "revision_of"]


@admin.register(PublicationEvent)
class PublicationEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The journal, read-only."""

    list_display = ["at", "structure", "offer", "action", "from_status", "to_status", "actor_label"]
    list_filter = ["action", "to_status"]
    search_fields = ["structure__name", "offer__title", "actor_label"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["structure", "offer", "kind", "starts_on", "ends_on"]
    list_filter = ["kind"]
    search_fields = ["structure__name", "offer__title", "message"]
    autocomplete_fields = ["structure", "offer"]
    date_hierarchy = "starts_on"
