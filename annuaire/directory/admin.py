from django.contrib import admin

from annuaire.directory.models import Offer, Place, Structure


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
    inlines = [PlaceInline]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "structure", "category", "status", "last_verified_at"]
    list_filter = ["status", "category", "cost", "parcours_global"]
    search_fields = ["title", "structure__name"]
    autocomplete_fields = ["structure"]
    filter_horizontal = ["subcategories", "places"]
