"""Sign-in with the organisation's OpenID Connect provider (Entra ID, ID-porten, Keycloak…).

Only when SAMORDNA_OIDC_CLIENT_ID is set. A person who signs in is matched to an account
by e-mail (case-insensitive) or gets a new account with no role: roles are still given
in Samordna. Local passwords keep working beside it.
"""

import logging

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

logger = logging.getLogger(__name__)


def configured():
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def provider_name():
    """What the sign-in button calls the provider, or "" when there is none."""
    if not configured():
        return ""
    return settings.OIDC_PROVIDER_NAME or _("your organisation's sign-in")


class ProviderBackend(OIDCAuthenticationBackend):
    """Finds the account by the provider's e-mail claim, or creates one without roles."""

    def verify_claims(self, claims):
        # A provider that says the address is unverified must not open an account with it.
        return bool(claims.get("email")) and claims.get("email_verified") is not False

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(email__iexact=claims["email"].strip())

    def get_username(self, claims):
        base = claims["email"].strip().lower()[:140]
        username, n = base, 2
        users = get_user_model().objects
        while users.filter(username__iexact=username).exists():
            username, n = f"{base}-{n}", n + 1
        return username

    def create_user(self, claims):
        user = self.UserModel.objects.create_user(
            self.get_username(claims),
            email=claims["email"].strip(),
            first_name=(claims.get("given_name") or "")[:150],
            last_name=(claims.get("family_name") or "")[:150],
        )
        logger.info("Created account %s at first sign-in with the provider", user.username)
        return user


def start(request):
    """Sends the visitor to the provider; 404 on a site without one."""
    if not configured():
        raise Http404
    return OIDCAuthenticationRequestView.as_view()(request)


class _Callback(OIDCAuthenticationCallbackView):
    def login_failure(self):
        messages.error(
            self.request,
            _("Signing in with %(provider)s did not succeed. Try again, or log in with a password.")
            % {"provider": provider_name()},
        )
        return redirect("accounts:login")

    def get(self, request):
        try:
            return super().get(request)
        except (requests.RequestException, SuspiciousOperation) as error:
            # The provider could not be reached, or its answer did not hold up.
            logger.warning("Sign-in with the provider failed: %s", error)
            return self.login_failure()


def callback(request):
    """Where the provider sends the visitor back with a code."""
    if not configured():
        raise Http404
    return _Callback.as_view()(request)
