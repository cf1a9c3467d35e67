"""URLs of report pages, downloads and saved reports."""

from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("plans/<slug:slug>/report/", views.report_page, name="page"),
    path("plans/<slug:slug>/report.<str:fmt>", views.report_download, name="download"),
    path("plans/<slug:slug>/reports/new/", views.report_create, name="create"),
    path("plans/<slug:slug>/reports/<int:pk>/", views.saved_report, name="saved"),
    path("plans/<slug:slug>/reports/<int:pk>/freeze/", views.saved_report_freeze, name="freeze"),
    path(
        "plans/<slug:slug>/reports/<int:pk>/report.<str:fmt>",
        views.saved_report_download,
        name="saved_download",
    ),
]
