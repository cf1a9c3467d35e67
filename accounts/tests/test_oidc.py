"""Sign-in with the organisation's OpenID Connect provider.

The whole authorization-code flow runs in headless Chromium against a real provider
(django-oauth-toolkit in a second process, `oidc_provider/serve.py`) with an RS256 key
made for the test. The rest are quick checks of the matching rules and of the failures.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Membership, Role
from accounts.oidc import ProviderBackend
from conftest import make_user
from samordna.tests.test_settings import run_settings

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CLIENT_ID = "samordna-test"
CLIENT_SECRET = "a-secret-only-for-this-test"


def configure(settings, base):
    """Point Samordna at a provider under `base` (its /o/ endpoints)."""
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_PROVIDER_NAME = "Testkommune"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base}/o/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{base}/o/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{base}/o/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{base}/o/.well-known/jwks.json"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "accounts.oidc.ProviderBackend",
    ]


@pytest.fixture
def unreachable(settings):
    # Port 9 (discard) on loopback: nothing listens, so a request fails at once.
    configure(settings, "http://127.0.0.1:9")
    return settings


def test_login_page_offers_the_provider_only_when_configured(client, settings):
    url = reverse("accounts:login")
    assert "Sign in with" not in client.get(url).content.decode()
    assert client.get(reverse("accounts:oidc_start")).status_code == 404
    assert client.get(reverse("accounts:oidc_callback")).status_code == 404
    configure(settings, "http://127.0.0.1:9")
    page = client.get(url + "?next=/plans/x/").content.decode()
    assert "Sign in with Testkommune" in page
    assert reverse("accounts:oidc_start") + "?next=/plans/x/" in page


@pytest.mark.django_db
def test_existing_account_is_found_by_email_in_any_case(unreachable):
    user = make_user("kari", email="Kari.Nordmann@Moss.kommune.no")
    backend = ProviderBackend()
    claims = {"email": "kari.nordmann@moss.kommune.no", "email_verified": True}
    assert backend.verify_claims(claims)
    assert list(backend.filter_users_by_claims(claims)) == [user]


@pytest.mark.django_db
def test_new_person_gets_an_account_without_any_role(unreachable, db):
    make_user("ola@rana.kommune.no")
    backend = ProviderBackend()
    user = backend.create_user(
        {"email": "Ola@rana.kommune.no", "given_name": "Ola", "family_name": "Nordmann"}
    )
    assert user.username == "ola@rana.kommune.no-2" and user.email == "Ola@rana.kommune.no"
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()


def test_unverified_or_missing_email_is_refused(unreachable):
    backend = ProviderBackend()
    assert not backend.verify_claims({"email": "x@example.no", "email_verified": False})
    assert not backend.verify_claims({"sub": "123"})


@pytest.mark.django_db
def test_provider_out_of_reach_gives_a_message_not_an_error(unreachable, client):
    start = client.get(reverse("accounts:oidc_start"))
    assert start.status_code == 302 and start["Location"].startswith("http://127.0.0.1:9/")
    state = next(iter(client.session["oidc_states"]))
    response = client.get(
        reverse("accounts:oidc_callback"), {"code": "abc", "state": state}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert "Signing in with Testkommune did not succeed" in response.content.decode()
    # A state that was never handed out is refused the same way.
    response = client.get(reverse("accounts:oidc_callback"), {"code": "abc", "state": "forged"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")


def test_client_id_without_endpoints_stops_the_start():
    result = run_settings(SAMORDNA_OIDC_CLIENT_ID="x")
    assert result.returncode != 0
    assert "SAMORDNA_OIDC_TOKEN_ENDPOINT" in result.stderr


@pytest.fixture
def provider(live_server):
    """The test provider in its own process, with a fresh RS256 key; yields its address."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    env = {
        **os.environ,
        "PROVIDER_RSA_KEY": pem,
        "PROVIDER_USERNAME": "kari",
        "PROVIDER_PASSWORD": "provider-password-1",
        "PROVIDER_EMAIL": "KARI@testkommune.no",
        "PROVIDER_CLIENT_ID": CLIENT_ID,
        "PROVIDER_CLIENT_SECRET": CLIENT_SECRET,
        "PROVIDER_REDIRECT_URI": f"{live_server.url}/accounts/oidc/callback/",
        # The provider speaks plain HTTP on loopback; oauthlib wants HTTPS otherwise.
        "OAUTHLIB_INSECURE_TRANSPORT": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "accounts.tests.oidc_provider.serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        if not line.startswith("PORT "):
            pytest.fail(f"the test provider did not start: {line!r}")
        yield f"http://127.0.0.1:{line.split()[1]}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sign_in_with_the_provider_in_a_browser(provider, live_server, settings):
    """The authorization-code flow end to end: Samordna → provider's login → back, signed in
    to the existing account with the same address (in another case), roles untouched."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    configure(settings, provider)
    user = make_user("kari.nordmann", email="kari@TESTKOMMUNE.no")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/setup.sh --test installs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.goto(f"{live_server.url}/accounts/login/?next=/%3Fpage%3D1")
            page.get_by_role("link", name="Sign in with Testkommune").click()
            page.wait_for_url(f"{provider}/login/**")
            page.get_by_label("Username").fill("kari")
            page.get_by_label("Password").fill("provider-password-1")
            page.get_by_role("button", name="Sign in at the provider").click()
            # Back at the page asked for, signed in.
            page.wait_for_url(f"{live_server.url}/?page=1")
            assert "Log out kari.nordmann" in page.content()
        finally:
            browser.close()
    assert get_user_model().objects.filter(email__iexact="kari@testkommune.no").count() == 1
    assert not Membership.objects.filter(user=user, role=Role.COORDINATOR).exists()
