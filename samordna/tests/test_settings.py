"""Settings: every environment variable is documented, and bad values are refused."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_environment_variable_is_documented():
    source = (ROOT / "samordna" / "settings.py").read_text()
    used = set(re.findall(r'env_\w+\("([A-Z_]+)"', source))
    used |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', source))
    documented = set(
        re.findall(r"^\| `([A-Z_]+)`", (ROOT / "docs" / "settings.md").read_text(), re.M)
    )
    assert used, "no variables found: the pattern above no longer matches settings.py"
    assert used - documented == set()
    assert documented - used == set()


def run_settings(**env):
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='samordna.settings'; django.setup()"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )


def test_bad_boolean_is_refused_with_a_message():
    result = run_settings(SAMORDNA_DEBUG="maybe")
    assert result.returncode != 0
    assert "SAMORDNA_DEBUG must be true or false" in result.stderr


def test_production_needs_a_secret_key():
    result = run_settings(SAMORDNA_DEBUG="false", SAMORDNA_SECRET_KEY="")
    assert result.returncode != 0
    assert "SAMORDNA_SECRET_KEY must be set" in result.stderr


# The production settings documented in docs/settings.md, with placeholder values.
PRODUCTION = {
    "SAMORDNA_DEBUG": "false",
    "SAMORDNA_SECRET_KEY": "a-production-secret-that-is-long-and-random-0123456789-abcdefghij",
    "SAMORDNA_ALLOWED_HOSTS": "samordna.example.no",
    "SAMORDNA_CSRF_TRUSTED_ORIGINS": "https://samordna.example.no",
    "SAMORDNA_SITE_URL": "https://samordna.example.no",
    "SAMORDNA_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "SAMORDNA_TRUSTED_PROXIES": "1",
    "SAMORDNA_ADMINS": "it-drift@example.no",
}


def test_documented_production_settings_are_documented():
    documented = (ROOT / "docs" / "settings.md").read_text()
    for name in PRODUCTION:
        assert f"    {name}=" in documented


def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    # The browser tests allow async-unsafe calls for themselves; a real server does not.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    result = subprocess.run(
        [sys.executable, "-m", "samordna.cli", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**env, **PRODUCTION, "SAMORDNA_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_bad_proxy_header_is_refused():
    result = run_settings(SAMORDNA_PROXY_SSL_HEADER="X-Forwarded-Proto: https")
    assert result.returncode != 0
    assert "SAMORDNA_PROXY_SSL_HEADER must be a header name" in result.stderr
