"""URLs of importing a plan: upload, preview and correct, create or cancel."""

from django.urls import path

from imports import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("preview/", views.preview, name="preview"),
    path("preview/change/", views.change, name="change"),
    path("preview/switch/", views.switch, name="switch"),
    path("preview/reread/", views.reread, name="reread"),
    path("preview/create/", views.create, name="create"),
    path("preview/cancel/", views.cancel, name="cancel"),
]
