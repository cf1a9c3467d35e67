"""Files that once gave tracebacks: `samordna import` lists their problems and saves nothing."""

import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from interchange.schema import MAX_DEPTH, InvalidPlan, validate
from plans.models import Plan

pytestmark = pytest.mark.django_db


def nested_areas(depth):
    """The plan as JSON text: json.dumps itself cannot write 900 levels."""
    areas = (
        '{"title": "Område", "areas": [' * (depth - 1) + '{"title": "Innerst"}' + "]}" * (depth - 1)
    )
    return '{"schema": "samordna/plan@1", "title": "Dyp plan", "areas": [' + areas + "]}"


def write(tmp_path, document):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document) if not isinstance(document, str) else document)
    return path


def test_plan_without_areas_or_measures_imports_as_an_empty_plan(tmp_path):
    call_command("import", str(write(tmp_path, {"schema": "samordna/plan@1", "title": "Tom"})))
    assert Plan.objects.get().measures.count() == 0


def test_areas_nested_300_deep_are_refused_by_where(tmp_path):
    with pytest.raises(CommandError, match=f"deeper than {MAX_DEPTH} levels"):
        call_command("import", str(write(tmp_path, nested_areas(300))))
    assert not Plan.objects.exists()
    validate(json.loads(nested_areas(MAX_DEPTH)))  # as deep as allowed is fine


def test_json_nested_past_the_parser_is_refused(tmp_path):
    path = write(tmp_path, '{"a":' * 100_000 + "1" + "}" * 100_000)
    with pytest.raises(CommandError, match="nests too deep"):
        call_command("import", str(path))


def test_every_problem_is_listed_on_its_own_line():
    document = {
        "schema": "samordna/plan@1",
        "title": "Plan\x00",
        "period": {"start": "9999-12-31", "end": None},
        "kind": {"not": "text"},
        "owners": ["Moss kommune", "Halv \ud800 tegn"],
        "measures": [{"title": "Tiltak", "status": {"as_of": "0001-01-01", "state": "done"}}],
    }
    with pytest.raises(InvalidPlan) as caught:
        validate(document)
    problems = caught.value.errors
    assert any(p.startswith("title:") and "control characters" in p for p in problems)
    assert any(p.startswith("period.start:") and "1900" in p for p in problems)
    assert any(p.startswith("kind:") for p in problems)
    assert any(p.startswith("owners:") for p in problems)
    assert any(p.startswith("measures[0].status.as_of:") for p in problems)


def test_the_command_line_exits_nonzero_without_a_traceback(tmp_path):
    path = write(tmp_path, nested_areas(900))
    env = {**os.environ, "SAMORDNA_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "samordna"), "import", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode != 0
    # 900 levels of areas are 1800 levels of JSON: past what the parser reads.
    assert "Traceback" not in done.stderr and "nests too deep" in done.stderr
