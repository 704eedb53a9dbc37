from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

from annuaire.imports.models import ImportRun
from annuaire.imports.screen import Screen, finish_response, run_screen, upload_screen
from annuaire.imports.upload import may_import


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only journal; imports are run by `manage.py import_offres` or the pages `importer/` below."""

    change_list_template = "admin/imports/importrun/change_list.html"

    list_display = [
        "started_at",
        "username",
        "file_name",
        "dry_run",
        "publish",
        "state",
        "outcome",
        "row_count",
        "error_count",
        "offers_created",
        "offers_updated",
    ]
    list_filter = ["state", "outcome", "dry_run", "publish"]
    search_fields = ["file_name", "username", "sha256"]
    date_hierarchy = "started_at"

    exclude = ["file"]  # on the private storage, which has no URL

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in self.model._meta.fields if field.name not in self.exclude]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    # --- the import pages (docs/import.md, « Depuis l'administration ») --------------------
    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("importer/", view(self.import_view), name="imports_importrun_import"),
            path("importer/<int:pk>/", view(self.run_view), name="imports_importrun_run"),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        ImportRun.objects.settle_dead()
        extra_context = {**(extra_context or {}), "may_import": may_import(request.user)}
        return super().changelist_view(request, extra_context)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload → journal row and background dry run (its page: run_view)."""
        if not may_import(request.user):
            raise PermissionDenied
        outcome = upload_screen(request, SCREEN)
        if isinstance(outcome, HttpResponse):
            return outcome
        return TemplateResponse(request, "admin/imports/importrun/import.html", {**self._page(request), **outcome})

    def run_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """One run: progress, report, « Confirmer l'import » or « Relancer »."""
        if not may_import(request.user):
            raise PermissionDenied
        run = ImportRun.objects.filter(pk=pk).first()
        if run is None:
            raise Http404
        outcome = run_screen(request, run, SCREEN)
        if isinstance(outcome, HttpResponse):
            return outcome
        context = {
            **self._page(request),
            **outcome,
            "run_url": reverse("admin:imports_importrun_change", args=[run.pk]),
        }
        response = TemplateResponse(request, "admin/imports/importrun/run.html", context)
        return finish_response(request, run, response.render())

    def _page(self, request: HttpRequest) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Importer des structures et des offres",
            "subtitle": None,
            "changelist_url": reverse("admin:imports_importrun_changelist"),
            "journal_url": reverse("admin:imports_importrun_changelist"),
        }


SCREEN = Screen(run_url=lambda run: reverse("admin:imports_importrun_run", args=[run.pk]))
