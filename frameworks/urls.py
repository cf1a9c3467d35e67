from django.urls import path

from frameworks import views

app_name = "frameworks"
urlpatterns = [
    path("plans/<slug:slug>/check/", views.check_page, name="check"),
    path("plans/<slug:slug>/check.json", views.check_json, name="json"),
    path("plans/<slug:slug>/check/summary/", views.check_summary, name="summary"),
    path("plans/<slug:slug>/check/frameworks/", views.choose_frameworks, name="choose"),
    path("plans/<slug:slug>/check/tags/<slug:framework_id>/", views.tags, name="tags"),
    path("check/", views.across, name="across"),
]
