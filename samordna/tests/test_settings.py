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
