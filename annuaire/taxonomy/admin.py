from django.contrib import admin

from annuaire.taxonomy.models import Category, Profession, SubCategory


class SubCategoryInline(admin.TabularInline):  # type: ignore[type-arg]
    model = SubCategory
    fields = ["code", "label", "kind", "order", "is_active"]
    extra = 0


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["label", "code", "kind", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["label", "code"]
    inlines = [SubCategoryInline]


@admin.register(SubCategory)
class SubCategoryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["label", "code", "category", "kind", "is_active"]
    list_filter = ["category", "kind", "is_active"]
    search_fields = ["label", "code"]
    filter_horizontal = ["professions"]


@admin.register(Profession)
class ProfessionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["label", "code"]
    search_fields = ["label", "code"]
