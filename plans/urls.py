"""URLs of plans, goal areas, measures and the directory."""

from django.urls import path

from followup.views import status_create
from plans import bulk_views, directory_views, invitation_views, responsible_views, views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("plans/new/", views.plan_create, name="create"),
    path("plans/<slug:slug>/", views.plan_detail, name="detail"),
    path("plans/<slug:slug>.json", views.plan_json, name="json"),
    path("plans/<slug:slug>/edit/", views.plan_edit, name="edit"),
    path("plans/<slug:slug>/areas/new/", views.area_form, name="area_create"),
    path("plans/<slug:slug>/areas/<int:pk>/edit/", views.area_form, name="area_edit"),
    path("plans/<slug:slug>/measures/new/", views.measure_form, name="measure_create"),
    path("plans/<slug:slug>/measures/paste/", bulk_views.measure_paste, name="measure_paste"),
    path("plans/<slug:slug>/measures/order/", bulk_views.measure_order, name="measure_order"),
    path("plans/<slug:slug>/measures/sort/", bulk_views.measure_sort, name="measure_sort"),
    path(
        "plans/<slug:slug>/measures/<int:pk>/move/<str:direction>/",
        bulk_views.measure_move,
        name="measure_move",
    ),
    path("plans/<slug:slug>/measures/<int:pk>/", views.measure_detail, name="measure"),
    path("plans/<slug:slug>/measures/<int:pk>/edit/", views.measure_form, name="measure_edit"),
    path("plans/<slug:slug>/measures/<int:pk>/status/", status_create, name="status_create"),
    path(
        "plans/<slug:slug>/measures/<int:pk>/delete/", views.measure_delete, name="measure_delete"
    ),
    path("plans/<slug:slug>/areas/<int:pk>/delete/", views.area_delete, name="area_delete"),
    path(
        "plans/<slug:slug>/responsible/",
        responsible_views.responsible_groups,
        name="responsible",
    ),
    path("organisations/", directory_views.organisation_list, name="organisations"),
    path("organisations/new/", directory_views.organisation_form, name="organisation_create"),
    path(
        "organisations/<int:pk>/edit/",
        directory_views.organisation_form,
        name="organisation_edit",
    ),
    path("contacts/", directory_views.contact_list, name="contacts"),
    path("contacts/new/", directory_views.contact_form, name="contact_create"),
    path("contacts/<int:pk>/edit/", directory_views.contact_form, name="contact_edit"),
    path("invitations/", invitation_views.invitation_list, name="invitations"),
    path(
        "invitations/<int:pk>/decide/",
        invitation_views.invitation_decide,
        name="invitation_decide",
    ),
]
