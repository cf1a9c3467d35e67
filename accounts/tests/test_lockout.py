"""Guessing passwords: lockout per user and address, Argon2 hashes, the security headers."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.urls import reverse

from conftest import PASSWORD, make_user
from samordna import settings as project_settings

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def attempt(client, username, password, address="192.0.2.1", url=None):
    return client.post(
        url or reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_five_wrong_passwords_lock_that_user_from_that_address(client, settings):
    make_user("kari")
    make_user("ola")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "kari", "wrong").status_code == 200
    assert attempt(client, "kari", "wrong").status_code == 429  # the last one allowed
    locked = attempt(client, "kari", PASSWORD)  # even the right password is not tried now
    assert locked.status_code == 429
    assert "Too many failed attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Neither the same user elsewhere nor another user from the same address is locked out.
    assert attempt(client, "kari", PASSWORD, address="198.51.100.7").status_code == 302
    client.logout()
    assert attempt(client, "ola", PASSWORD).status_code == 302


def test_admin_login_counts_too(client, settings):
    make_user("root", is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "root", "wrong", url=url)
    assert attempt(client, "root", PASSWORD, url=url).status_code == 429


def test_the_lockout_message_is_translated(client, settings):
    make_user("kari")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "kari", "wrong")
    page = client.post(
        reverse("accounts:login"),
        {"username": "kari", "password": "wrong"},
        REMOTE_ADDR="192.0.2.1",
        HTTP_ACCEPT_LANGUAGE="nb",
    ).content.decode()
    assert "Too many failed attempts" not in page and "innlogging" in page.lower()


def test_a_success_before_the_limit_starts_the_count_again(client, settings):
    make_user("kari")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "kari", "wrong")
    assert attempt(client, "kari", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "kari", "wrong")
    assert attempt(client, "kari", PASSWORD).status_code == 302


def test_passwords_are_hashed_with_argon2_and_old_hashes_still_work(client, settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    assert make_password("hemmelig-passord").startswith("argon2$")
    old = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user = make_user("kari")
    get_user_model().objects.filter(pk=user.pk).update(password=old)
    assert attempt(client, "kari", PASSWORD).status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")  # upgraded at the first login
    assert check_password(PASSWORD, user.password)


def test_every_page_carries_a_policy_without_inline_script(client):
    policy = client.get(reverse("plans:list"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_template_holds_inline_script_handlers_or_styles():
    """PDF and e-mail templates never reach a browser; every page template must obey the policy."""
    offending = []
    for path in ROOT.glob("*/templates/**/*.html"):
        if path.name.endswith("_pdf.html") or "/mail/" in str(path):
            continue
        text = path.read_text()
        for pattern in (r"<script(?![^>]*\bsrc=)", r"\son[a-z]+\s*=", r"\sstyle\s*=", r"<style"):
            if re.search(pattern, text):
                offending.append(f"{path.relative_to(ROOT)}: {pattern}")
    assert offending == []
