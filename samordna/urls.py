"""Root URLs: the apps' URLs, the language switcher and the admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("plans.urls")),
    path("", include("reports.urls")),
    path("", include("followup.urls")),
    path("", include("cooperation.urls")),
    path("", include("overview.urls")),
    path("import/", include("imports.urls")),
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
