"""Read-only views for technical superusers: every change goes through the back office (/espace/)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from annuaire.applications.models import Acceptance, Application, ApplicationEvent, PilotTerritory


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    fields = ("at", "actor", "from_status", "to_status", "comment")
    readonly_fields = ("at", "actor", "from_status", "to_status", "comment")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "commune", "status", "submitted_at", "decided_at"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "siret", "finess", "referent_email"]
    list_select_related = ["commune"]
    inlines = [EventInline]


@admin.register(Acceptance)
class AcceptanceAdmin(ReadOnlyAdmin):
    list_display = ["application", "kind", "version", "accepted_at", "signatory_name"]
    list_filter = ["kind", "version"]
    list_select_related = ["application"]


@admin.register(PilotTerritory)
class PilotTerritoryAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "opened_at", "opened_by", "closed_at", "closed_by"]
    list_select_related = ["departement", "commune__departement", "opened_by", "closed_by"]
