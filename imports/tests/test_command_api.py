"""What `samordna import FILE` calls for files that are not JSON (see imports/README.md)."""

import json

import pytest

import imports
from imports.errors import UnreadableFile
from interchange.load import load_plan
from interchange.schema import validate

TEXT = "Handlingsplan for Moss kommune 2024\n\nTiltak\tAnsvar\nKurs for lærere.\tRektor\n"


def test_recognise_file_gives_a_valid_document_and_its_confidence(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    document, confidence = imports.recognise_file(str(path))
    validate(document)
    assert json.loads(json.dumps(document)) == document  # plain JSON for --format json
    assert document["measures"][0]["title"] == "Kurs for lærere."
    assert 0 <= confidence["measures"][0]["title"] <= 1


@pytest.mark.django_db
def test_recognised_document_loads(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    document, _ = imports.recognise_file(str(path))
    plan = load_plan(document)
    assert plan.measures.get().responsibilities.get().name == "Rektor"
    assert plan.ownerships.get().organisation.name == "Moss kommune"


def test_unreadable_file_raises_with_a_message(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(b"")
    with pytest.raises(UnreadableFile, match="empty"):
        imports.recognise_file(str(path))


@pytest.mark.django_db
def test_undated_statuses_get_a_date_before_loading(tmp_path):
    import datetime

    path = tmp_path / "plan.txt"
    path.write_text("Plan\n\nTiltak\tStatus\nKurs.\tPågår\n", encoding="utf-8")
    result = imports.recognise_path(str(path))
    assert result.document["measures"][0]["status"]["as_of"] is None  # --dry-run shows null
    document = imports.fill_status_dates(result.document, datetime.date(2024, 3, 1))
    plan = load_plan(document)
    assert str(plan.measures.get().status_updates.get().as_of) == "2024-03-01"
