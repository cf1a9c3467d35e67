"""Admin page where administrators give users their roles in organisations."""

from django.contrib import admin

from accounts.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
