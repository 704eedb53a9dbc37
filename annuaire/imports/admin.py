from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

from annuaire.imports.models import ImportRun
from annuaire.imports.screen import import_screen
from annuaire.imports.upload import may_import


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only journal; imports are run by `manage.py import_offres` or the page `importer/` below."""

    change_list_template = "admin/imports/importrun/change_list.html"

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

    # --- the import page (docs/import.md, « Depuis l'administration ») ---------------------
    def get_urls(self) -> list[URLPattern]:
        upload = path("importer/", self.admin_site.admin_view(self.import_view), name="imports_importrun_import")
        return [upload, *super().get_urls()]

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        extra_context = {**(extra_context or {}), "may_import": may_import(request.user)}
        return super().changelist_view(request, extra_context)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload → dry run and its report → « Confirmer l'import » → real run of the same bytes."""
        if not may_import(request.user):
            raise PermissionDenied
        context = import_screen(request)
        run: ImportRun | None = context["run"]
        context.update(
            self.admin_site.each_context(request),
            opts=self.model._meta,
            title="Importer des structures et des offres",
            subtitle=None,
            run_url=reverse("admin:imports_importrun_change", args=[run.pk]) if run else "",
            changelist_url=reverse("admin:imports_importrun_changelist"),
        )
        return TemplateResponse(request, "admin/imports/importrun/import.html", context)
