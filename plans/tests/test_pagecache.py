"""Cached plan pages: a write shows at once, visitors never share what they may not see,
conditional GET answers 304, and no page's query count grows with the plan."""

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from conftest import add_measure, add_update
from cooperation.models import Group, ReportingDuty
from followup.models import State, StatusRound, StatusUpdate
from plans import invitations
from plans.models import (
    Adoption,
    Area,
    InvitationKind,
    Measure,
    Organisation,
    Plan,
    PlanOwner,
    Responsibility,
)
from plans.tests.test_pages import big_plan


def page(client, url, **headers):
    return client.get(url, headers=headers).content.decode()


def version(plan):
    return Plan.objects.get(pk=plan.pk).version


def test_every_write_touching_a_plan_bumps_its_version(world):
    plan, measure = world["plan"], world["police_measure"]
    steps = [
        lambda: add_update(measure, "2021-01-01", State.DONE),
        lambda: StatusUpdate.objects.bulk_create(
            [StatusUpdate(measure=measure, as_of=datetime.date(2021, 2, 1), state=State.ONGOING)]
        ),
        lambda: Measure.objects.filter(pk=measure.pk).update(title="Nytt navn"),
        lambda: add_measure(plan, "Nytt tiltak"),
        lambda: Area.objects.create(plan=plan, title="Nytt område"),
        lambda: Responsibility.objects.create(measure=measure, name="NAV"),
        lambda: Responsibility.objects.filter(measure=measure).update(phase="Utarbeidelse"),
        lambda: PlanOwner.objects.create(plan=plan, organisation=world["police"]),
        lambda: Adoption.objects.create(plan=plan, organisation=world["moss"]),
        lambda: world["police"].__class__.objects.get(pk=world["police"].pk).save(),
        lambda: Group.objects.create(name="Politirådet").plans.add(plan),
        lambda: Measure.objects.get(pk=world["other_measure"].pk).delete(),
        # The plan check in the reports counts rounds and reporting duties.
        lambda: StatusRound.objects.create(
            plan=plan, as_of=datetime.date(2021, 4, 1), deadline=datetime.date(2021, 4, 15)
        ),
        lambda: StatusRound.objects.filter(plan=plan).update(message="Hei"),
        lambda: ReportingDuty.objects.create(
            plan=plan, title="Til politirådet", recurrence="FREQ=YEARLY", starts="2021-06-01"
        ),
        lambda: ReportingDuty.objects.filter(plan=plan).delete(),
    ]
    for step in steps:
        before = version(plan)
        step()
        assert version(plan) > before, step
    other = world["public_plan"]
    before = version(other)
    add_update(measure, "2021-03-01", State.DONE)
    assert version(other) == before  # another plan's cache stays


def test_a_status_update_shows_at_once_on_every_cached_page(world, login):
    plan, measure = world["plan"], world["police_measure"]
    client = login(world["viewer"])
    plan_url = reverse("plans:detail", args=[plan.slug])
    measure_url = reverse("plans:measure", args=[plan.slug, measure.pk])
    csv_url = reverse("reports:download", args=[plan.slug, "csv"])
    assert "state state-done" not in page(client, plan_url)
    assert "Ferdig med brosjyren" not in page(client, measure_url)
    assert "Ferdig med brosjyren" not in page(client, csv_url)
    add_update(measure, timezone.localdate(), State.DONE, done="Ferdig med brosjyren")
    assert "state state-done" in page(client, plan_url)
    assert "Ferdig med brosjyren" in page(client, measure_url)
    assert "Ferdig med brosjyren" in page(client, csv_url)


def test_a_renamed_measure_shows_at_once(world, login):
    client = login(world["viewer"])
    url = reverse("plans:detail", args=[world["plan"].slug])
    assert "Informasjonsmateriell" in page(client, url)
    Measure.objects.filter(pk=world["police_measure"].pk).update(title="Trykksaker")
    assert "Trykksaker" in page(client, url)


def test_cached_pages_differ_by_date_language_and_visitor(world, login):
    plan = world["plan"]
    plan.published = True
    plan.save()
    url = reverse("plans:detail", args=[plan.slug])
    add_update(world["police_measure"], "2020-01-01", State.DONE)
    client = login(world["coordinator"])
    assert "Edit plan" in page(client, url)
    assert "100 %</strong> (2 of 2)" in page(client, url + "?as_of=2019-01-01")
    assert "50 %</strong> (1 of 2)" in page(client, url + "?as_of=2020-06-01")
    # The public reads the same plan without a coordinator's buttons.
    assert "Edit plan" not in page(Client(), url)
    assert "Rediger plan" not in page(Client(), url, **{"Accept-Language": "nb"})
    assert 'lang="nb"' in page(Client(), url, **{"Accept-Language": "nb"})


def test_losing_a_role_shows_at_once(world, login):
    client = login(world["coordinator"])
    url = reverse("plans:detail", args=[world["plan"].slug])
    assert "Edit plan" in page(client, url)
    Membership.objects.filter(user=world["coordinator"]).update(role=Role.VIEWER)
    assert "Edit plan" not in page(client, url)


def test_conditional_get_answers_304_until_the_plan_changes(world, login):
    client = login(world["viewer"])
    client.get("/")  # the first page sets the CSRF cookie, which the ETag covers
    for url in [
        reverse("plans:detail", args=[world["plan"].slug]),
        reverse("plans:measure", args=[world["plan"].slug, world["other_measure"].pk]),
        reverse("reports:download", args=[world["plan"].slug, "csv"]),
    ]:
        first = client.get(url)
        etag = first["ETag"]
        assert first.status_code == 200 and etag
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        add_update(world["other_measure"], "2020-01-01", State.ONGOING)
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 200 and again["ETag"] != etag


def test_a_page_with_messages_is_never_answered_with_304(world, login):
    client = login(world["viewer"])
    url = reverse("plans:detail", args=[world["plan"].slug]) + "?as_of=2019-02-30"
    response = client.get(url)
    assert "ETag" not in response
    assert "is not a date" in response.content.decode()


def test_measure_page_and_csv_run_a_constant_number_of_queries(
    world, login, django_assert_num_queries, django_assert_max_num_queries
):
    from django.core.cache import cache

    small, large = big_plan(3, 2), big_plan(40, 30)
    client = login(world["coordinator"])
    client.get("/")  # warm the session
    for name in ["measure", "csv"]:
        urls = []
        for plan in (small, large):
            if name == "measure":
                measure = plan.measures.order_by("-position").first()
                urls.append(reverse("plans:measure", args=[plan.slug, measure.pk]))
            else:
                urls.append(reverse("reports:download", args=[plan.slug, "csv"]))
        cache.clear()
        with django_assert_max_num_queries(20) as counted:
            assert client.get(urls[0]).status_code == 200
        with django_assert_num_queries(len(counted)):
            assert client.get(urls[1]).status_code == 200


def test_cached_pages_run_few_queries_for_the_public(db, django_assert_max_num_queries):
    plan = big_plan(30, 5)
    client = Client()
    url = reverse("plans:detail", args=[plan.slug])
    client.get(url)
    with django_assert_max_num_queries(1):  # the plan itself, with its version
        assert client.get(url).status_code == 200


def test_a_group_rename_shows_at_once(world, login):
    group = Group.objects.create(name="Politirådet")
    group.plans.add(world["plan"])
    client = login(world["viewer"])
    url = reverse("plans:detail", args=[world["plan"].slug])
    assert "Politirådet" in page(client, url)
    group.name = "Styringsgruppa"
    group.save()
    assert "Styringsgruppa" in page(client, url)


def test_an_organisation_rename_shows_at_once(world, login):
    client = login(world["viewer"])
    url = reverse("plans:detail", args=[world["plan"].slug])
    assert "Moss kommune" in page(client, url)
    moss = Organisation.objects.get(pk=world["moss"].pk)
    moss.name = "Moss og omegn"
    moss.save()
    assert "Moss og omegn" in page(client, url)


def test_a_new_status_round_shows_at_once_in_the_reports_plan_check(world, login):
    plan = world["plan"]
    client = login(world["viewer"])
    url = reverse("reports:download", args=[plan.slug, "json"])
    before = client.get(url).content
    StatusRound.objects.create(
        plan=plan, as_of=datetime.date(2021, 4, 1), deadline=datetime.date(2021, 4, 15)
    )
    assert client.get(url).content != before


def test_an_answered_invitation_shows_at_once_on_the_plan_page(world):
    plan = world["plan"]
    invitation = invitations.invite(
        plan, world["rana"], InvitationKind.PARTICIPANT, world["coordinator"]
    )
    owner, rana = Client(), Client()
    owner.force_login(world["coordinator"])
    rana.force_login(world["outsider"])
    url = reverse("plans:detail", args=[plan.slug])
    assert "Rana kommune (taking part): invited, awaiting acceptance" in page(owner, url)
    decide = reverse("plans:invitation_decide", args=[invitation.pk])
    assert rana.post(decide, {"decision": "accept"}).status_code == 302
    response = owner.get(url)
    assert response.status_code == 200
    assert "invited, awaiting acceptance" not in response.content.decode()
