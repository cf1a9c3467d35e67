"""Root URLs: the apps' URLs, the language switcher and the admin."""

from django.contrib import admin
from django.urls import include, path

from samordna import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("", include("plans.urls")),
    path("", include("reports.urls")),
    path("", include("followup.urls")),
    path("", include("cooperation.urls")),
    path("", include("indicators.urls")),
    path("", include("frameworks.urls")),
    path("", include("audit.urls")),
    path("", include("overview.urls")),
    path("import/", include("imports.urls")),
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
