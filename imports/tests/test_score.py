"""The scorer and `samordna import-score`."""

import copy
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from imports.score import passes, same_responsible, score, table

GOLD = Path(__file__).resolve().parents[2] / "demo" / "plans" / "mosseregionen.json"


@pytest.fixture
def gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))


def test_a_plan_scores_perfectly_against_itself(gold):
    result = score(gold, copy.deepcopy(gold))
    assert result["gold"] == result["predicted"] == result["matched"] == 50
    assert result["f1"] == 1.0
    assert all(value == 1.0 for value in result["accuracy"].values())
    assert passes(result)


def test_missing_and_extra_measures(gold):
    predicted = copy.deepcopy(gold)
    del predicted["measures"][:5]
    predicted["measures"].append({"number": "99", "title": "Noe helt annet enn planen sier"})
    result = score(gold, predicted)
    assert result["matched"] == 45
    assert result["recall"] == pytest.approx(45 / 50)
    assert result["precision"] == pytest.approx(45 / 46)
    assert result["unmatched_predicted"] == ["Noe helt annet enn planen sier"]


def test_titles_split_differently_still_match(gold):
    predicted = copy.deepcopy(gold)
    measure = predicted["measures"][2]  # "Skriftliggjøre samarbeidsrutiner" + description
    measure["title"] = measure["title"] + " " + measure["description"]
    measure["description"] = ""
    assert score(gold, predicted)["matched"] == 50


def test_field_accuracy(gold):
    predicted = copy.deepcopy(gold)
    predicted["measures"][0]["status"]["state"] = "ongoing"
    predicted["measures"][1]["kind"] = "existing"
    predicted["measures"][2]["responsible"] = ["Noen andre"]
    predicted["areas"] = [{"title": "Nytt område", "measures": predicted["measures"][3:4]}]
    del predicted["measures"][3]
    accuracy = score(gold, predicted)["accuracy"]
    assert accuracy == {
        "area": pytest.approx(49 / 50),
        "responsible": pytest.approx(49 / 50),
        "kind": pytest.approx(49 / 50),
        "status": pytest.approx(49 / 50),
    }


def test_responsible_compares_the_parties_named():
    gold = {"responsible": ["Virksomhetsledere ved barnehage, skole, helsestasjon, leger"]}
    split = {"responsible": ["Virksomhetsledere ved barnehage", "skole", "helsestasjon", "leger"]}
    assert same_responsible(gold, split)
    assert same_responsible({"responsible": []}, {"responsible": []})
    assert not same_responsible({"responsible": ["Politiet"]}, {"responsible": []})
    assert not same_responsible({"responsible": ["Politiet"]}, {"responsible": ["Rektor"]})
    phased = {"responsible": [{"phase": "Utarbeidelse", "name": "Koordinator"}]}
    assert same_responsible(phased, {"responsible": ["Koordinator"]})


def test_table_lists_every_row(gold):
    text = table([("mosse", "txt", score(gold, gold)), ("mosse", "pdf", score(gold, gold))])
    lines = text.splitlines()
    assert lines[0].split() == [
        "document",
        "format",
        "gold",
        "pred",
        "P",
        "R",
        "F1",
        "area",
        "resp",
        "kind",
        "status",
    ]
    assert len(lines) == 3 and "1.00" in lines[2]


def test_command_prints_the_scores(tmp_path, capsys, gold):
    predicted = copy.deepcopy(gold)
    del predicted["measures"][0]
    path = tmp_path / "predicted.json"
    path.write_text(json.dumps(predicted), encoding="utf-8")
    call_command("import_score", str(GOLD), str(path))
    out = capsys.readouterr().out
    assert "F1" in out and "0.99" in out
    call_command("import_score", str(GOLD), str(path), format="json")
    assert json.loads(capsys.readouterr().out)["matched"] == 49


def test_command_recognises_a_document_first(tmp_path, capsys):
    plan = tmp_path / "plan.txt"
    plan.write_text("Plan\n\nTiltak\tAnsvar\nKurs for lærere.\tRektor\n", encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text(
        json.dumps({"measures": [{"title": "Kurs for lærere.", "responsible": ["Rektor"]}]}),
        encoding="utf-8",
    )
    call_command("import_score", str(gold), str(plan), details=True)
    assert "1.00" in capsys.readouterr().out


def test_command_reports_bad_files(tmp_path):
    with pytest.raises(CommandError, match="There is no file"):
        call_command("import_score", str(tmp_path / "none.json"), str(GOLD))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(CommandError, match="damaged"):
        call_command("import_score", str(GOLD), str(broken))


def test_import_score_on_a_corpus_folder(tmp_path, capsys):
    (tmp_path / "plan.txt").write_text(
        "Plan for Nordby\n\nKommunen skal:\n\n- Lage rutiner.\n- Holde kurs.\n", encoding="utf-8"
    )
    gold = {
        "schema": "samordna/plan@1",
        "title": "Plan for Nordby",
        "measures": [
            {"title": "Lage rutiner.", "responsible": ["Kommunen"]},
            {"title": "Holde kurs.", "responsible": ["Kommunen"]},
            {"title": "Noe planen ikke har.", "responsible": []},
        ],
        "areas": [],
    }
    (tmp_path / "plan.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    call_command("import_score", corpus=str(tmp_path))
    out = capsys.readouterr().out
    assert "plan" in out and "pooled (1)" in out
    assert "0.67" in out  # recall 2 of 3
    call_command("import_score", corpus=str(tmp_path), format="json")
    payload = json.loads(capsys.readouterr().out)
    assert payload["pooled"]["matched"] == 2
    with pytest.raises(CommandError):
        call_command("import_score", corpus=str(tmp_path / "missing"))
