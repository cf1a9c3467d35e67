"""URLs of status rounds and of the contacts' personal links."""

from django.urls import path

from followup import answer_views, round_views, sheet_views

app_name = "followup"
urlpatterns = [
    path("r/<str:token>/", answer_views.answer_link, name="link"),
    path("plans/<slug:slug>/rounds/", round_views.round_list, name="rounds"),
    path("plans/<slug:slug>/rounds/<int:pk>/", round_views.round_detail, name="round"),
    path("plans/<slug:slug>/rounds/<int:pk>/add/", round_views.round_add_item, name="add_item"),
    path(
        "plans/<slug:slug>/rounds/<int:pk>/items/<int:item_pk>/remove/",
        round_views.round_remove_item,
        name="remove_item",
    ),
    path("plans/<slug:slug>/rounds/<int:pk>/send/", round_views.round_send, name="send"),
    path("plans/<slug:slug>/rounds/<int:pk>/remind/", round_views.round_remind, name="remind_all"),
    path(
        "plans/<slug:slug>/rounds/<int:pk>/requests/<int:request_pk>/remind/",
        round_views.round_remind,
        name="remind",
    ),
    path(
        "plans/<slug:slug>/rounds/<int:pk>/requests/<int:request_pk>/resend/",
        round_views.round_resend,
        name="resend",
    ),
    path(
        "plans/<slug:slug>/rounds/<int:pk>/requests/<int:request_pk>/revoke/",
        round_views.round_revoke,
        name="revoke",
    ),
    path(
        "plans/<slug:slug>/rounds/<int:pk>/requests/<int:request_pk>/answer/",
        round_views.on_behalf,
        name="on_behalf",
    ),
    path("plans/<slug:slug>/rounds/<int:pk>/extend/", round_views.round_extend, name="extend"),
    path(
        "plans/<slug:slug>/rounds/<int:pk>/answers/<int:answer_pk>/review/",
        round_views.round_review,
        name="review",
    ),
    path("plans/<slug:slug>/rounds/<int:pk>/close/", round_views.round_close, name="close"),
    path("plans/<slug:slug>/status-sheet.xlsx", sheet_views.sheet_download, name="sheet"),
    path("plans/<slug:slug>/status-sheet/", sheet_views.sheet_upload, name="sheet_upload"),
]
