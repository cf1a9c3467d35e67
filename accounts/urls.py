"""URLs for logging in and out, with a password or the organisation's sign-in."""

from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import oidc


def login(request):
    return auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        extra_context={"oidc_provider": oidc.provider_name()},
    )(request)


app_name = "accounts"
urlpatterns = [
    path("login/", login, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("oidc/start/", oidc.start, name="oidc_start"),
    path("oidc/callback/", oidc.callback, name="oidc_callback"),
]
