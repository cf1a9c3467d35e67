"""The plan check: structure checks, coverage by tags and suggestions, the demo's verdicts."""

import datetime
import json

import pytest
from django.core.management import call_command

from conftest import add_measure, add_update, make_plan
from cooperation.models import Group, ReportingDuty
from demo.loader import load_demo
from frameworks import registry
from frameworks.check import check_plan, load_facts
from frameworks.models import PlanFramework, Tag, TagState
from plans.models import Adoption, Area, Organisation, Plan

pytestmark = pytest.mark.django_db


def requirement(result, framework_id, requirement_id):
    framework = next(f for f in result["frameworks"] if f["id"] == framework_id)
    return next(r for r in framework["requirements"] if r["id"] == requirement_id)


@pytest.fixture
def moss():
    return Organisation.objects.create(name="Moss kommune", kind="municipality")


@pytest.fixture
def plan(moss):
    return make_plan(
        "Handlingsplan mot vold i nære relasjoner",
        owners=[moss],
        language="nb",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2028, 12, 31),
    )


def test_structure_requirements_follow_what_the_plan_records(plan, moss):
    a = add_measure(plan, "Informasjonskampanje for innbyggere", number="1", responsible=[moss])
    b = add_measure(plan, "Samarbeidsrutine barnevern og krisesenter", number="2")
    a.timing_end = datetime.date(2026, 6, 30)
    a.save()
    result = check_plan(plan)
    assert requirement(result, "structure", "adopted")["result"] == "missing"
    responsible = requirement(result, "structure", "measure-responsible")
    assert responsible["result"] == "partly"
    assert "2. Samarbeidsrutine barnevern og krisesenter" in responsible["evidence"]
    assert responsible["fix"] == f"/plans/{plan.slug}/measures/{b.pk}/edit/"
    assert requirement(result, "structure", "measure-deadline")["result"] == "partly"
    assert requirement(result, "structure", "revision-date")["result"] == "met"
    assert requirement(result, "structure", "status-recent")["result"] == "missing"

    Adoption.objects.create(plan=plan, organisation=moss, body="Bystyret", state="pending")
    assert requirement(check_plan(plan), "structure", "adopted")["result"] == "partly"
    Adoption.objects.create(
        plan=plan,
        organisation=moss,
        body="Bystyret",
        state="adopted",
        date=datetime.date(2025, 2, 1),
    )
    adopted = requirement(check_plan(plan), "structure", "adopted")
    assert adopted["result"] == "met"
    assert "Bystyret" in adopted["evidence"][0]


def test_status_recent_counts_the_last_twelve_months(plan):
    today = datetime.date(2026, 12, 2)
    a = add_measure(plan, "Tiltak A")
    b = add_measure(plan, "Tiltak B")
    add_update(a, "2026-03-01", "ongoing")
    add_update(b, "2025-01-01", "ongoing")
    facts = load_facts(plan, today=today)
    assert requirement(check_plan(plan, facts), "structure", "status-recent")["result"] == "partly"
    add_update(b, "2026-11-30", "done")
    facts = load_facts(plan, today=today)
    assert requirement(check_plan(plan, facts), "structure", "status-recent")["result"] == "met"


def test_reporting_duty_to_a_political_body(plan):
    assert requirement(check_plan(plan), "structure", "reporting-duty")["result"] == "missing"
    group = Group.objects.create(name="Arbeidsgruppe", level="operational")
    group.plans.add(plan)
    duty = ReportingDuty.objects.create(
        plan=plan,
        title="Årsrapport",
        to_group=group,
        recurrence="FREQ=YEARLY",
        starts=datetime.date(2026, 1, 1),
    )
    assert requirement(check_plan(plan), "structure", "reporting-duty")["result"] == "partly"
    council = Group.objects.create(name="Bystyret", level="strategic")
    council.plans.add(plan)
    duty.to_group = council
    duty.save()
    assert requirement(check_plan(plan), "structure", "reporting-duty")["result"] == "met"


def test_coverage_is_suggested_from_words_and_confirmed_by_tags(plan):
    measure = add_measure(plan, "Kompetanseheving for ansatte i barnehagene")
    result = requirement(check_plan(plan), "four-levels", "specific-knowledge")
    assert result["result"] == "partly"
    assert "Kompetanseheving for ansatte i barnehagene" in result["evidence"]
    assert requirement(check_plan(plan), "four-levels", "help-perpetrators")["result"] == "missing"

    Tag.objects.create(
        measure=measure,
        framework="four-levels",
        item="specific-knowledge",
        state=TagState.CONFIRMED,
    )
    assert requirement(check_plan(plan), "four-levels", "specific-knowledge")["result"] == "met"
    Tag.objects.filter(measure=measure).update(state=TagState.REJECTED)
    assert requirement(check_plan(plan), "four-levels", "specific-knowledge")["result"] == "missing"


def test_evidence_names_the_first_measures_and_counts_the_rest(plan):
    for number in range(1, 11):
        add_measure(plan, f"Kurs for ansatte {number}", number=str(number))
        Area.objects.create(plan=plan, title=f"Område {number}", position=number)
    result = check_plan(plan)
    evidence = requirement(result, "four-levels", "specific-knowledge")["evidence"]
    assert evidence[1:3] == ["1. Kurs for ansatte 1", "2. Kurs for ansatte 2"]
    assert len(evidence) == 1 + 8 + 1 and evidence[-1] == "and 2 more"
    areas = requirement(result, "no-municipal-template", "areas")["evidence"]
    assert areas[0] == "Område 1" and areas[-1] == "and 2 more"


def test_coverage_matrix_counts_measures_per_top_level_area(plan):
    info = Area.objects.create(plan=plan, title="Informasjon", position=1)
    sub = Area.objects.create(plan=plan, title="Skole", parent=info, position=2)
    add_measure(plan, "Informasjonskampanje", area=sub)
    add_measure(plan, "Foredrag for befolkningen", area=info)
    framework = next(f for f in check_plan(plan)["frameworks"] if f["id"] == "four-levels")
    matrix = framework["coverage"]
    column = [i["id"] for i in matrix["items"]].index("general-knowledge")
    row = next(r for r in matrix["rows"] if r["area"] == "Informasjon")
    assert row["cells"][column] == {"confirmed": 0, "suggested": 2}
    assert [r["area"] for r in matrix["rows"]] == ["Informasjon"]


def test_default_frameworks_follow_language_and_topic(moss):
    slt = make_plan("SLT-plan for rus- og kriminalitetsforebygging", owners=[moss], language="nb")
    swedish = make_plan("Handlingsplan mot våld i nära relationer", owners=[moss], language="sv")
    law = make_plan("Brottsförebyggande åtgärdsplan", owners=[moss], language="sv")
    ids = lambda p: {f.id for f in registry.default_frameworks(p)}  # noqa: E731
    assert ids(slt) == {"structure", "no-municipal-template", "slt"}
    assert ids(swedish) == {"structure", "se-national-strategy"}
    assert ids(law) == {"structure", "se-crime-prevention-law"}
    PlanFramework.objects.create(plan=slt, framework="four-levels")
    assert [f["id"] for f in check_plan(slt)["frameworks"]] == ["four-levels"]


def test_the_demo_plans_get_the_verdict_a_coordinator_would_give(capsys):
    load_demo(history=False, today=datetime.date(2026, 12, 2))
    rana = check_plan(Plan.objects.get(slug="rana-slt"))
    slt = next(f for f in rana["frameworks"] if f["id"] == "slt")
    assert {r["id"]: r["result"] for r in slt["requirements"]} == {
        "strategic-group": "met",
        "coordinator": "met",
        "coordinating-group": "met",
        "operational-group": "met",
        "adopted": "met",
        "situation-mapping": "met",
    }
    assert requirement(rana, "structure", "adopted")["result"] == "met"
    assert requirement(rana, "structure", "reporting-duty")["result"] == "met"

    jamtland = check_plan(Plan.objects.get(slug="jamtland-2021"))
    assert requirement(jamtland, "structure", "measure-deadline")["result"] in ("missing", "partly")
    assert requirement(jamtland, "structure", "measure-responsible")["result"] == "met"

    moss = check_plan(Plan.objects.get(slug="mosseregionen"))
    adopted = requirement(moss, "structure", "adopted")
    assert adopted["result"] == "missing"
    assert adopted["evidence"] == ["No adoption is recorded for this plan."]

    call_command("check_plan", plan="rana-slt", format="json", language="en")
    printed = json.loads(capsys.readouterr().out)
    assert printed["plan"] == "rana-slt"
    ids = {
        r["id"] for f in printed["frameworks"] if f["id"] == "structure" for r in f["requirements"]
    }
    assert ids == {
        "adopted",
        "measure-responsible",
        "measure-deadline",
        "status-recent",
        "reporting-duty",
        "revision-date",
    }
    assert all(
        r["result"] in ("met", "partly", "missing")
        for f in printed["frameworks"]
        for r in f["requirements"]
    )


def test_check_plan_text_and_unknown_plan(capsys, plan):
    call_command("check_plan", plan=plan.slug, format="text", language="en")
    out = capsys.readouterr().out
    assert "[ ] The plan is adopted by a political body" in out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="There is no plan"):
        call_command("check_plan", plan="nope")


def test_a_framework_is_added_by_a_file(tmp_path, settings, plan):
    (tmp_path / "istanbul.json").write_text(
        json.dumps(
            {
                "schema": "samordna/framework@1",
                "id": "istanbul",
                "title": {"en": "Istanbul Convention", "nb": "Istanbulkonvensjonen"},
                "source": "Council of Europe Convention",
                "requirements": [
                    {
                        "id": "shelters",
                        "kind": "coverage",
                        "text": {"en": "Shelters"},
                        "keywords": ["krisesenter"],
                    },
                    {
                        "id": "adopted",
                        "kind": "structure",
                        "check": "adopted",
                        "text": {"en": "Adopted"},
                    },
                ],
            }
        )
    )
    settings.FRAMEWORKS_DIR = str(tmp_path)
    assert "istanbul" in registry.all_frameworks()
    PlanFramework.objects.create(plan=plan, framework="istanbul")
    add_measure(plan, "Krisesenteret gir råd")
    result = check_plan(plan)
    assert requirement(result, "istanbul", "shelters")["result"] == "partly"
    # The file removed: the plan is held against the defaults again, not against nothing.
    settings.FRAMEWORKS_DIR = ""
    ids = [f["id"] for f in check_plan(plan)["frameworks"]]
    assert ids == [f.id for f in registry.default_frameworks(plan)] and ids


@pytest.mark.parametrize(
    "content, message",
    [
        ("{", "not readable JSON"),
        ('{"schema": "other"}', "'schema' must be"),
        (
            '{"schema": "samordna/framework@1", "id": "x", "title": {"en": "X"}, "requirements": [{"id": "a", "kind": "structure", "check": "nope", "text": {"en": "A"}}]}',
            "unknown check 'nope'",
        ),
        (
            '{"schema": "samordna/framework@1", "id": "x", "title": {"en": "X"}, "requirements": [{"id": "a", "kind": "coverage", "keywords": ["vold", 3], "text": {"en": "A"}}]}',
            "'keywords' must be a list of words",
        ),
        (
            '{"schema": "samordna/framework@1", "id": "x", "title": {"en": "X"}, "applies_to": ["nb"], "requirements": [{"id": "a", "kind": "coverage", "text": {"en": "A"}}]}',
            "'applies_to' must map",
        ),
    ],
)
def test_a_broken_framework_file_is_named_with_its_fault(tmp_path, settings, content, message):
    (tmp_path / "broken.json").write_text(content)
    settings.FRAMEWORKS_DIR = str(tmp_path)
    with pytest.raises(registry.FrameworkError, match=message):
        registry.all_frameworks()
