from django.contrib import admin

from annuaire.accounts.models import DemoAccount, Role


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "kind", "structure", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["user__username", "user__email", "structure__name"]
    autocomplete_fields = ["structure"]
    filter_horizontal = ["departements"]
    raw_id_fields = ["communes"]


@admin.register(DemoAccount)
class DemoAccountAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "created_at"]

    def has_add_permission(self, request: object) -> bool:
        return False  # created by the demo command only
