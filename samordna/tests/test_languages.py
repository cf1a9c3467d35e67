"""Every page speaks nb, nn, sv and en: chosen by the browser, or by the switcher."""

import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "accept, words",
    [
        ("nb", ["Tiltak", "Ansvarlig", "Status per", "Ikke startet"]),
        ("nn", ["Tiltak", "Ansvarleg", "Ikkje starta"]),
        ("sv", ["Åtgärd", "Ansvarig", "Ej påbörjad"]),
        ("en", ["Measure", "Responsible", "Not started"]),
    ],
)
def test_plan_page_in_the_browsers_language(world, client, accept, words):
    page = client.get(
        reverse("plans:detail", args=[world["public_plan"].slug]), HTTP_ACCEPT_LANGUAGE=accept
    ).content.decode()
    assert f'<html lang="{accept}">' in page
    for word in words:
        assert word in page


def test_language_switcher_sticks(world, client):
    response = client.post(reverse("set_language"), {"language": "sv", "next": "/"}, follow=True)
    assert '<html lang="sv">' in response.content.decode()
    assert "Planer" in client.get("/").content.decode()


def test_form_errors_come_in_the_users_language(world, client):
    client.force_login(world["coordinator"])
    response = client.post(
        reverse("plans:create"),
        {"title": "", "kind": "action_plan", "language": "nb", "owners": [world["moss"].pk]},
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    assert "Feltet er påkrevet" in response.content.decode()


@pytest.mark.parametrize("language", ["nb", "nn", "sv"])
def test_every_string_is_translated(language):
    po = ROOT / "samordna" / "locale" / language / "LC_MESSAGES" / "django.po"
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-wrap", str(po)], capture_output=True, text=True
    )
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-wrap", str(po)], capture_output=True, text=True
    )
    assert untranslated.returncode == 0 and fuzzy.returncode == 0
    entries = [line for line in untranslated.stdout.splitlines() if line.startswith("msgid ")]
    assert entries in ([], ['msgid ""']), untranslated.stdout
    assert "msgid" not in fuzzy.stdout.replace('msgid ""', "")


def test_the_catalogues_cover_every_string_in_python_code(tmp_path):
    # makemessages into a copy: any string missing from the shipped .po shows as new.
    result = subprocess.run(
        ["msgattrib", "--untranslated", "--no-wrap", "-"],
        input=_fresh_catalogue(tmp_path),
        capture_output=True,
        text=True,
    )
    new = [line for line in result.stdout.splitlines() if line.startswith("msgid ")]
    assert new in ([], ['msgid ""']), result.stdout


def _fresh_catalogue(tmp_path):
    """The nb catalogue after merging in the strings the code has now."""
    pot = tmp_path / "django.pot"
    sources = [
        str(p.relative_to(ROOT))
        for pattern in ("*/**/*.py", "*/**/*.html")
        for p in ROOT.glob(pattern)
        if ".venv" not in p.parts and "tests" not in p.parts and "migrations" not in p.parts
    ]
    subprocess.run(
        [
            "xgettext",
            "--from-code=UTF-8",
            "-L",
            "Python",
            "--keyword=_",
            "--keyword=gettext_lazy",
            "--keyword=gettext",
            "--keyword=ngettext:1,2",
            "-o",
            str(pot),
        ]
        + [s for s in sources if s.endswith(".py")],
        cwd=ROOT,
        check=True,
    )
    po = ROOT / "samordna" / "locale" / "nb" / "LC_MESSAGES" / "django.po"
    merged = subprocess.run(
        ["msgmerge", "--quiet", "--no-fuzzy-matching", str(po), str(pot)],
        capture_output=True,
        text=True,
        check=True,
    )
    return merged.stdout
