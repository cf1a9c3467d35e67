"""URLs of the audit trail."""

from django.urls import path

from audit import views

app_name = "audit"
urlpatterns = [
    path("plans/<slug:slug>/history/", views.plan_history, name="plan_history"),
]
