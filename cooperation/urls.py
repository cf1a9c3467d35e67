"""URLs of the cooperation structure, the annual wheel and calendar feeds."""

from django.urls import path

from cooperation import views

app_name = "cooperation"
P = "plans/<slug:slug>/"
urlpatterns = [
    path(P + "structure/", views.structure, name="structure"),
    path(P + "groups/new/", views.group_form, name="group_create"),
    path(P + "groups/<int:pk>/", views.group_detail, name="group"),
    path(P + "groups/<int:pk>/edit/", views.group_form, name="group_edit"),
    path(P + "groups/<int:pk>/meetings/plan/", views.meetings_from_cadence, name="meetings_plan"),
    path(P + "groups/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path(P + "meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path(P + "meetings/<int:pk>/agenda/pull/", views.agenda_pull, name="agenda_pull"),
    path(P + "meetings/<int:pk>/<str:part>/", views.meeting_update, name="meeting_update"),
    path(P + "meetings/<int:pk>/meeting.<str:fmt>", views.meeting_file, name="meeting_file"),
    path(P + "adoptions/new/", views.adoption_form, name="adoption_create"),
    path(P + "adoptions/<int:pk>/", views.adoption_form, name="adoption_edit"),
    path(P + "wheel/", views.wheel_page, name="wheel"),
    path(P + "wheel.svg", views.wheel_svg, name="wheel_svg"),
    path(P + "wheel/new/", views.entry_form, name="entry_create"),
    path(P + "duties/new/", views.duty_form, name="duty_create"),
    path(P + "obligations/<int:pk>/done/", views.obligation_done, name="obligation_done"),
    path(P + "obligations/done/", views.obligations_done, name="obligations_done"),
    path(P + "feeds/new/", views.feed_create, name="feed_create"),
    path(P + "feeds/<int:pk>/revoke/", views.feed_revoke, name="feed_revoke"),
    path(P + "remove/<str:kind>/<int:pk>/", views.remove, name="remove"),
    path("contacts/<int:pk>/feed/", views.contact_feed_create, name="contact_feed"),
    path("contacts/<int:pk>/feed/revoke/", views.contact_feed_revoke, name="contact_feed_revoke"),
    path("feeds/<str:token>.ics", views.feed, name="feed"),
]
