from django.contrib import admin

from annuaire.geo.models import Commune, Departement, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "code"]


@admin.register(Departement)
class DepartementAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "code", "region"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "code", "departement", "population"]
    search_fields = ["name", "search_name", "code"]
    list_filter = ["departement__region"]
