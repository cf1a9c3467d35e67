"""Admin pages for the directory and plan content (for administrators)."""

from django.contrib import admin

from plans.models import (
    Adoption,
    Area,
    Contact,
    Measure,
    Organisation,
    Plan,
    PlanOwner,
    Responsibility,
)


class PlanOwnerInline(admin.TabularInline):
    model = PlanOwner
    extra = 0


class AdoptionInline(admin.TabularInline):
    model = Adoption
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "kind", "published"]
    search_fields = ["title"]
    inlines = [PlanOwnerInline, AdoptionInline]


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "area"]
    list_filter = ["plan"]
    inlines = [ResponsibilityInline]


admin.site.register(Organisation)
admin.site.register(Contact)
admin.site.register(Area)
