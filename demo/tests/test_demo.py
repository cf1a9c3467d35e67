"""The demo: complete seed plans, demo users, and a history that respects the seeds."""

import datetime

import pytest
from django.core.management import call_command

from demo.loader import load_demo, read_demo_plan
from followup.models import State, StatusUpdate
from followup.status import status_as_of
from plans.models import Plan


def all_measures(node):
    measures = list(node.get("measures", []))
    for area in node.get("areas", []):
        measures += all_measures(area)
    return measures


def test_mosseregionen_has_all_45_numbered_measures_and_the_unnumbered_ones():
    measures = read_demo_plan("mosseregionen.json")["measures"]
    numbers = [m["number"] for m in measures if m["number"]]
    assert numbers == [str(n) for n in range(1, 46)]
    assert len([m for m in measures if not m["number"]]) >= 4
    assert all(m["status"]["as_of"] == "2017-06-01" for m in measures)


def test_rana_has_five_areas_36_existing_22_proposed_and_three_groups():
    plan = read_demo_plan("rana-slt.json")
    assert [a["title"] for a in plan["areas"]] == [
        "Generelle tiltak",
        "Rus",
        "Nettvett",
        "Seksuelle overgrep",
        "Vold",
    ]
    kinds = [m["kind"] for m in all_measures(plan)]
    assert kinds.count("existing") == 36
    assert kinds.count("proposed") == 22
    assert [g["name"] for g in plan["groups"]] == [
        "Politirådet",
        "Koordineringsgruppen",
        "Utførergruppen",
    ]
    assert [g["level"] for g in plan["groups"]] == ["strategic", "coordinating", "operational"]
    assert plan["adopted"][0]["body"] == "Politirådet"
    assert plan["adopted"][0]["date"] == "2021-04-09"
    timings = {m["timing"] for m in all_measures(plan)}
    assert {"continuous", "temporary"} <= timings


def test_jamtland_has_five_goal_areas_and_measures_per_agency():
    plan = read_demo_plan("jamtland-2021.json")
    assert len(plan["areas"]) == 5
    responsible = {r for m in all_measures(plan) for r in m["responsible"]}
    assert {
        "Länsstyrelsen",
        "Kommunerna",
        "Region Jämtland Härjedalen",
        "Polisen i Jämtlands län",
        "Åklagarkammaren Östersund",
    } <= responsible


def test_vastmanland_strategy_action_plan_and_adoption_list():
    strategy = read_demo_plan("vastmanland-strategi.json")
    action = read_demo_plan("vastmanland-handlingsplan-2017.json")
    assert strategy["kind"] == "strategy"
    assert len(strategy["areas"]) == 9
    # Every goal area has its development opportunities, area 5 in its three sub-areas.
    assert all(area["development"] or area["areas"] for area in strategy["areas"])
    assert action["parent"] == strategy["title"]
    assert len(action["areas"]) == 9
    assert len(all_measures(action)) >= 15
    koping = [a for a in strategy["adopted"] if a["organisation"] == "Köpings kommun"]
    assert koping and koping[0]["reference"] == "Dnr KS 2017/709"
    assert len(strategy["adopted"]) == 14


@pytest.mark.django_db
def test_load_demo_writes_a_generated_history_that_keeps_the_seed_statuses():
    load_demo(today=datetime.date(2026, 11, 25))
    mosse = Plan.objects.get(slug="mosseregionen")
    measures = list(mosse.measures.all())
    seed = {m["title"]: m["status"] for m in read_demo_plan("mosseregionen.json")["measures"]}
    statuses = status_as_of(mosse, datetime.date(2017, 6, 1), measures)
    for measure in measures:
        status = statuses[measure.pk]
        assert status.state == seed[measure.title]["state"], measure.title
        assert not status.update.generated
        assert status.update.done == seed[measure.title]["done"]
    generated = StatusUpdate.objects.filter(generated=True)
    assert generated.count() > 3 * 100
    assert not generated.filter(as_of=datetime.date(2017, 6, 1)).exists()
    # Every measure of every plan has several dated updates.
    for plan in Plan.objects.all():
        for measure in plan.measures.all():
            assert measure.status_updates.count() >= 2, (plan.slug, measure.title)
    # Generated updates before the seed date never run ahead of the seed's state.
    rank = {State.NOT_STARTED: 0, State.ONGOING: 1, State.DONE: 2}
    for measure in measures:
        real = seed[measure.title]["state"]
        for update in measure.status_updates.filter(generated=True, as_of__lt="2017-06-01"):
            if real in rank:
                assert rank.get(update.state, 0) <= rank[real], measure.title


@pytest.mark.django_db
def test_load_demo_command_is_idempotent_with_if_empty(capsys):
    call_command("load_demo", if_empty=True, no_history=True)
    call_command("load_demo", if_empty=True)
    assert Plan.objects.count() == 6
    assert "koordinator" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_demo_contributor_reads_and_updates_the_police_measures_of_jamtland():
    """The police take part in Jämtland's unpublished plan: the demo accepts for them."""
    from django.contrib.auth import get_user_model

    from plans import access

    load_demo(history=False, today=datetime.date(2026, 11, 25))
    user = get_user_model().objects.get(username="bidragsyter")
    plan = Plan.objects.get(slug="jamtland-2021")
    assert access.can_view(user, plan)
    assert access.updatable_measure_ids(user, plan)


def _measure(plan, title=None, number=None):
    return next(
        m
        for m in all_measures(plan)
        if (title is None or m["title"] == title) and (number is None or m["number"] == number)
    )


def test_mosseregionen_as_the_document_says():
    plan = read_demo_plan("mosseregionen.json")
    # 10: a draft plan awaits approval from three municipalities, so it is under way.
    assert _measure(plan, number="10")["status"]["state"] == "ongoing"
    # 7: "the coordinator should ask for results": nobody knows yet.
    assert _measure(plan, number="7")["status"]["state"] == "unclear"
    assert _measure(plan, title="Foredrag")["responsible"] == ["politiet/familievoldskoordinator"]
    # The document's own summary, which adds up to 109 %, is kept as written, with its date.
    assert "23. juni 2017" in plan["note"]
    assert all(f"{n} %" in plan["note"] for n in ("31", "47", "9", "22"))


def test_vastmanland_area_5_has_three_sub_areas_with_their_development_items():
    area = read_demo_plan("vastmanland-strategi.json")["areas"][4]
    assert [a["title"] for a in area["areas"]] == [
        "Personer som utsätts för våld av närstående",
        "Barn som lever med våld i nära relationer",
        "Personer som utövar våld mot närstående",
    ]
    assert [len(a["development"]) for a in area["areas"]] == [2, 3, 3]
    # The areas' own texts are their texts, not their sub-headings run together (the 2017
    # plan keeps its measures in area 5, as the importer reads it).
    for name in ("vastmanland-strategi.json", "vastmanland-handlingsplan-2017.json"):
        text = read_demo_plan(name)["areas"][4]["description"]
        assert "närstående" not in text and text.endswith("våldsbeteende."), name


def test_jamtland_keeps_its_parent_lead_ins_and_timings():
    plan = read_demo_plan("jamtland-2021.json")
    agreement = read_demo_plan("jamtland-overenskommelse.json")
    assert plan["parent"] == agreement["title"]
    assert agreement["title"].startswith("Regional överenskommelse")
    titles = [m["title"] for m in all_measures(plan)]
    assert "Polisen skall aktivt delta i: Styrgruppen för Barnahus" in titles
    assert sum(t.startswith("Åklagarkammaren ska: ") for t in titles) == 6
    timings = {m["timing_text"] for m in all_measures(plan) if m.get("timing_text")}
    assert {"vecka 47", "slutet av mars årligen", "2021–2022"} <= timings


def test_rana_five_class_project_not_in_operation_and_nav_three_times_a_year():
    plan = read_demo_plan("rana-slt.json")
    project = _measure(plan, title="5. klasseprosjektet", number="5")
    assert project["status"]["state"] == "not_started"
    assert project["status"]["remaining"].startswith("Ikke i drift i dag")
    coordinating = next(g for g in plan["groups"] if g["name"] == "Koordineringsgruppen")
    assert "Nav (inviteres inn tre ganger i året)" in coordinating["members"]
