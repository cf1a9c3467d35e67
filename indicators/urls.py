from django.urls import path

from indicators import views

app_name = "indicators"
P = "plans/<slug:slug>/indicators/"
urlpatterns = [
    path(P, views.indicator_list, name="list"),
    path("plans/<slug:slug>/indicators.json", views.indicator_json, name="json"),
    path(P + "section/", views.indicator_section, name="section"),
    path(P + "new/", views.indicator_form, name="create"),
    path(P + "upload/", views.indicator_upload, name="upload"),
    path(P + "<int:pk>/edit/", views.indicator_form, name="edit"),
    path(P + "<int:pk>/delete/", views.indicator_delete, name="delete"),
    path(P + "<int:pk>/values/", views.value_add, name="value_add"),
    path(P + "<int:pk>/values/<int:value_pk>/delete/", views.value_delete, name="value_delete"),
]
