from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from annuaire.imports.models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only journal: imports are run by `manage.py import_offres`."""

    list_display = [
        "started_at",
        "username",
        "file_name",
        "dry_run",
        "publish",
        "outcome",
        "row_count",
        "error_count",
        "offers_created",
        "offers_updated",
    ]
    list_filter = ["outcome", "dry_run", "publish"]
    search_fields = ["file_name", "username", "sha256"]
    date_hierarchy = "started_at"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
