"""The interchange format: round trips, validation and all-or-nothing imports."""

import copy
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from demo.loader import DEMO_PLANS, read_demo_plan
from followup.models import StatusUpdate
from interchange.export import export_plan
from interchange.load import load_plan
from interchange.schema import InvalidPlan, validate
from plans.models import Measure, Organisation, Plan


def load_all_demo_plans():
    return {slug: load_plan(read_demo_plan(f), slug=slug) for f, slug, _ in DEMO_PLANS}


@pytest.mark.django_db
@pytest.mark.parametrize("filename, slug", [(f, s) for f, s, _ in DEMO_PLANS])
def test_demo_plan_exports_exactly_as_transcribed(filename, slug):
    # Loading the parent first where there is one.
    for parent_file, parent_slug, _ in DEMO_PLANS:
        if parent_file == filename:
            break
        load_plan(read_demo_plan(parent_file), slug=parent_slug)
    gold = read_demo_plan(filename)
    plan = load_plan(gold, slug=slug)
    assert export_plan(plan) == gold


@pytest.mark.django_db
def test_export_import_export_gives_identical_json():
    plans = load_all_demo_plans()
    # A plan with a history of several updates per measure exports the whole history.
    measure = plans["mosseregionen"].measures.first()
    StatusUpdate.objects.create(measure=measure, as_of="2018-01-01", state="done", done="Ferdig")
    for plan in plans.values():
        first = export_plan(plan)
        again = load_plan(copy.deepcopy(first))
        assert export_plan(again) == first


@pytest.mark.django_db
def test_import_and_export_commands_round_trip(tmp_path, capsys):
    path = tmp_path / "mosse.json"
    path.write_text(json.dumps(read_demo_plan("mosseregionen.json")), encoding="utf-8")
    call_command("import", str(path), slug="mosse")
    assert "Imported" in capsys.readouterr().out
    call_command("export", plan="mosse", format="json")
    exported = json.loads(capsys.readouterr().out)
    assert exported == read_demo_plan("mosseregionen.json")
    call_command("plans", format="json")
    assert json.loads(capsys.readouterr().out) == [
        {
            "slug": "mosse",
            "title": "Handlingsplan mot vold i nære relasjoner i Mosseregionen",
            "kind": "action_plan",
            "published": False,
        }
    ]


@pytest.mark.django_db
def test_dry_run_saves_nothing(tmp_path, capsys):
    path = tmp_path / "rana.json"
    path.write_text(json.dumps(read_demo_plan("rana-slt.json")), encoding="utf-8")
    call_command("import", str(path), dry_run=True, format="json")
    assert json.loads(capsys.readouterr().out)["schema"] == "samordna/plan@1"
    assert not Plan.objects.exists()


def minimal_plan(**changes):
    document = {
        "schema": "samordna/plan@1",
        "title": "Plan",
        "kind": "action_plan",
        "language": "nb",
        "owners": ["Moss kommune"],
        "measures": [{"number": "1", "title": "Tiltak", "status": None}],
    }
    document.update(changes)
    return document


@pytest.mark.parametrize(
    "changes, where",
    [
        ({"schema": "something/else"}, "schema"),
        ({"title": ""}, "title"),
        ({"kind": "wishlist"}, "kind"),
        ({"period": {"start": "2021-31-01", "end": None}}, "period.start"),
        ({"period": {"start": "2022-01-01", "end": "2021-01-01"}}, "period"),
        (
            {
                "measures": [
                    {"title": "Tiltak", "status": {"as_of": "2017-06-01", "state": "green"}}
                ]
            },
            "measures[0].status.state",
        ),
        (
            {"measures": [{"title": "Tiltak", "status": {"state": "done"}}]},
            "measures[0].status.as_of",
        ),
        ({"measures": [{"number": "1"}]}, "measures[0].title"),
        (
            {"areas": [{"title": "Rus", "measures": [{"title": "T", "timing": "sometimes"}]}]},
            "areas[0].measures[0].timing",
        ),
        ({"adopted": [{"organisation": "Köpings kommun", "state": "maybe"}]}, "adopted[0].state"),
        ({"groups": [{"name": "Politirådet", "level": "cosmic"}]}, "groups[0].level"),
    ],
)
def test_validation_says_where_the_problem_is(changes, where):
    with pytest.raises(InvalidPlan) as raised:
        validate(minimal_plan(**changes))
    assert any(error.startswith(where + ":") for error in raised.value.errors), raised.value.errors


def test_not_a_plan_at_all():
    with pytest.raises(InvalidPlan, match="expected a JSON object"):
        validate(["a", "list"])


@pytest.mark.django_db
def test_a_bad_measure_late_in_the_file_saves_nothing():
    document = read_demo_plan("rana-slt.json")
    document["areas"][-1]["measures"][-1]["status"] = {"as_of": "2021-02-30", "state": "done"}
    with pytest.raises(InvalidPlan, match="2021-02-30"):
        load_plan(document)
    assert not Plan.objects.exists()
    assert not Measure.objects.exists()
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_unknown_parent_plan_is_reported():
    with pytest.raises(InvalidPlan, match="import it first"):
        load_plan(minimal_plan(parent="Strategi som ikke finnes"))
    assert not Plan.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, message",
    [
        (b"{not json", "is not valid JSON"),
        (b"\xff\xfe\x00garbage", "is not a UTF-8 text file"),
        (json.dumps({"schema": "samordna/plan@1", "title": ""}).encode(), "nothing was saved"),
    ],
)
def test_import_command_explains_broken_files(tmp_path, content, message):
    path = tmp_path / "plan.json"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import", str(path))
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_import_command_missing_file():
    with pytest.raises(CommandError, match="There is no file"):
        call_command("import", "/nonexistent/plan.json")


@pytest.mark.django_db
def test_export_command_unknown_plan():
    with pytest.raises(CommandError, match="There is no plan"):
        call_command("export", plan="nope")


@pytest.mark.django_db
def test_responsibilities_link_to_known_organisations():
    police = Organisation.objects.create(name="Polisen i Jämtlands län", kind="police")
    load_plan(read_demo_plan("jamtland-overenskommelse.json"))  # its parent
    plan = load_plan(read_demo_plan("jamtland-2021.json"))
    linked = plan.measures.filter(responsibilities__organisation=police)
    assert linked.count() == 6
    assert Organisation.objects.get(name="Länsstyrelsen Jämtlands län").kind == "county_board"
    assert Organisation.objects.get(name="Länsstyrelsen Jämtlands län").country == "SE"


@pytest.mark.django_db
def test_an_organisation_a_responsible_points_to_is_made_like_an_owner():
    """A new organisation behind a responsible gets the kind and country guessed from the
    plan, as a new owner does, not the defaults (Norway, other)."""
    responsible = {"name": "Polisen i Syd", "organisation": "Polismyndigheten"}
    measure = {"number": "1", "title": "Åtgärd", "responsible": [responsible], "status": None}
    plan = load_plan(minimal_plan(language="sv", owners=["Malmö stad"], measures=[measure]))
    police = Organisation.objects.get(name="Polismyndigheten")
    assert (police.kind, police.country) == ("police", "SE")
    assert plan.measures.get().responsibilities.get().organisation == police


@pytest.mark.django_db
def test_a_status_without_a_date_and_overlong_texts_are_refused():
    with pytest.raises(InvalidPlan) as raised:
        validate(
            minimal_plan(
                title="T" * 301,
                measures=[
                    {
                        "number": "1" * 21,
                        "title": "Tiltak",
                        "status": {"as_of": None, "state": "done"},
                    }
                ],
            )
        )
    paths = [e.split(":")[0] for e in raised.value.errors]
    assert paths == ["title", "measures[0].number", "measures[0].status.as_of"]


@pytest.mark.django_db
def test_owners_written_twice_are_one_owner():
    plan = load_plan(minimal_plan(owners=["Moss kommune", "MOSS kommune"]))
    assert [o.organisation.name for o in plan.ownerships.all()] == ["Moss kommune"]
