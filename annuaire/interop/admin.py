from django.contrib import admin

from annuaire.interop import nos
from annuaire.interop.models import RorMapping


@admin.register(RorMapping)
class RorMappingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["subcategory", "activity", "mode", "offer_type", "specific_acts", "note"]
    list_filter = ["subcategory__category"]
    search_fields = ["subcategory__label", "subcategory__code", "operational_activity", "note"]
    list_select_related = ["subcategory"]
    autocomplete_fields = ["subcategory"]

    @admin.display(description="activité opérationnelle (J17)", ordering="operational_activity")
    def activity(self, mapping: RorMapping) -> str:
        return f"{mapping.operational_activity} – {nos.code_list('J17').label(mapping.operational_activity)}"

    @admin.display(description="mode de prise en charge (J19)", ordering="care_mode")
    def mode(self, mapping: RorMapping) -> str:
        return f"{mapping.care_mode} – {nos.code_list('J19').label(mapping.care_mode)}"
