"""The plan check pages: who may see and change what, tagging, choosing frameworks, side by side."""

import pytest
from django.urls import reverse

from frameworks.models import PlanFramework, Tag, TagState
from plans.models import Plan


@pytest.mark.parametrize(
    "actor, status",
    [
        (None, 404),
        ("viewer", 200),
        ("contributor", 200),
        ("coordinator", 200),
        ("outsider", 404),
        ("admin", 200),
    ],
)
def test_check_page_is_for_those_who_may_read_the_plan(world, login, actor, status):
    client = login(world[actor] if actor else None)
    response = client.get(reverse("frameworks:check", args=[world["plan"].slug]))
    assert response.status_code == status


def test_check_page_shows_results_and_fix_links_only_to_editors(world, login):
    slug = world["plan"].slug
    PlanFramework.objects.create(plan=world["plan"], framework="structure")
    PlanFramework.objects.create(plan=world["plan"], framework="four-levels")
    page = login(world["viewer"]).get(reverse("frameworks:check", args=[slug])).content.decode()
    assert "The plan is adopted by a political body" in page
    assert "No adoption is recorded for this plan." in page
    assert "Put it right" not in page
    page = (
        login(world["coordinator"]).get(reverse("frameworks:check", args=[slug])).content.decode()
    )
    assert "Put it right" in page
    assert reverse("frameworks:tags", args=[slug, "four-levels"]) in page


def test_check_json_twin_and_summary_fragment(world, login):
    slug = world["plan"].slug
    data = login(world["viewer"]).get(reverse("frameworks:json", args=[slug])).json()
    assert data["plan"] == slug
    assert {f["id"] for f in data["frameworks"]} >= {"structure"}
    fragment = (
        login(world["viewer"]).get(reverse("frameworks:summary", args=[slug])).content.decode()
    )
    assert "Plan check" in fragment and "<html" not in fragment


def test_plan_page_loads_the_check_and_the_indicators(world, login):
    page = login(world["viewer"]).get(world["plan"].get_absolute_url()).content.decode()
    assert reverse("frameworks:summary", args=[world["plan"].slug]) in page
    assert reverse("indicators:section", args=[world["plan"].slug]) in page


def test_coordinator_confirms_and_rejects_suggested_tags(world, login):
    plan, client = world["plan"], login(world["coordinator"])
    url = reverse("frameworks:tags", args=[plan.slug, "four-levels"])
    page = client.get(url).content.decode()
    # "Informasjonsmateriell" suggests general knowledge, ticked and marked as suggested.
    name = f"measure-{world['police_measure'].pk}-general-knowledge"
    assert f'name="{name}" checked' in page
    assert "suggested" in page
    other = f"measure-{world['other_measure'].pk}-age-suited"
    response = client.post(url, {name: "on"})  # the school measure's suggestion is unticked
    assert response.status_code == 302
    assert (
        Tag.objects.get(measure=world["police_measure"], item="general-knowledge").state
        == TagState.CONFIRMED
    )
    assert (
        Tag.objects.get(measure=world["other_measure"], item="age-suited").state
        == TagState.REJECTED
    )
    assert other not in [t.item for t in Tag.objects.filter(state=TagState.CONFIRMED)]
    # Saving the same choices again writes nothing, so the plan's version stays.
    version = Plan.objects.get(pk=plan.pk).version
    tags = list(Tag.objects.values_list("pk", "item", "state"))
    assert client.post(url, {name: "on"}).status_code == 302
    assert Plan.objects.get(pk=plan.pk).version == version
    assert list(Tag.objects.values_list("pk", "item", "state")) == tags
    # Unticking the confirmed suggestion rejects it.
    client.post(url, {})
    assert (
        Tag.objects.get(measure=world["police_measure"], item="general-knowledge").state
        == TagState.REJECTED
    )


@pytest.mark.parametrize(
    "actor, status", [("viewer", 403), ("outsider", 404), ("contributor", 403)]
)
def test_only_coordinators_tag_and_choose(world, login, actor, status):
    client = login(world[actor])
    slug = world["plan"].slug
    assert client.get(reverse("frameworks:tags", args=[slug, "four-levels"])).status_code == status
    assert (
        client.post(reverse("frameworks:choose", args=[slug]), {"framework": "slt"}).status_code
        == status
    )
    assert not PlanFramework.objects.exists()


def test_choosing_frameworks(world, login):
    client, slug = login(world["coordinator"]), world["plan"].slug
    client.post(reverse("frameworks:choose", args=[slug]), {"framework": ["slt", "made-up"]})
    assert list(PlanFramework.objects.values_list("framework", flat=True)) == ["slt"]
    response = client.post(reverse("frameworks:choose", args=[slug]), {}, follow=True)
    assert "Choose at least one framework." in response.content.decode()
    assert client.get(reverse("frameworks:tags", args=[slug, "structure"])).status_code == 404


def test_plans_side_by_side_show_only_what_the_user_may_see(world, login):
    anonymous = login(None).get(reverse("frameworks:across")).content.decode()
    assert "SLT-plan Rana" in anonymous and "Handlingsplan Moss" not in anonymous
    page = (
        login(world["coordinator"])
        .get(reverse("frameworks:across") + "?kind=action_plan")
        .content.decode()
    )
    assert "Handlingsplan Moss" in page
    assert "Basic plan requirements" in page


def test_check_page_in_norwegian(world, login):
    client = login(world["viewer"])
    page = client.get(
        reverse("frameworks:check", args=[world["plan"].slug]), HTTP_ACCEPT_LANGUAGE="nb"
    ).content.decode()
    assert "Planen er vedtatt av et politisk organ" in page
    assert "Ingen vedtak er registrert for denne planen." in page
