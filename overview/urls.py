"""URLs of the overview."""

from django.urls import path

from overview import views

app_name = "overview"
urlpatterns = [path("overview/", views.overview_page, name="page")]
