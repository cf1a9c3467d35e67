"""The plan page as of a date, and the forms for plans, areas, measures and the directory."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from conftest import add_measure, add_update, make_plan
from followup.models import State, StatusUpdate
from plans.models import Area, Contact, Measure, Organisation, Plan


def test_plan_page_shows_areas_measures_legend_in_order(world, login):
    add_update(world["police_measure"], "2020-01-01", State.DONE, done="Brosjyre")
    page = (
        login(world["viewer"])
        .get(reverse("plans:detail", args=[world["plan"].slug]) + "?as_of=2020-06-01")
        .content.decode()
    )
    assert (
        page.index("Informasjon")
        < page.index("Informasjonsmateriell")
        < page.index("Skolenes årshjul")
    )
    assert "Politiet i Øst" in page
    assert "state-done" in page and "state-unclear" in page
    # 1 done and 1 unclear of 2: 50 % each, with the counts behind them.
    assert "50 %</strong> (1 of 2)" in page


def test_plan_page_as_of_an_earlier_date(world, login):
    add_update(world["police_measure"], "2020-01-01", State.DONE)
    url = reverse("plans:detail", args=[world["plan"].slug])
    client = login(world["viewer"])
    assert "100 %</strong> (2 of 2)" in client.get(url + "?as_of=2019-12-31").content.decode()
    assert "Status as of Dec. 31, 2019" in client.get(url + "?as_of=2019-12-31").content.decode()


def test_plan_page_with_a_bad_date_says_so_and_shows_today(world, login):
    response = login(world["viewer"]).get(
        reverse("plans:detail", args=[world["plan"].slug]) + "?as_of=2019-02-30"
    )
    assert response.status_code == 200
    assert "is not a date" in response.content.decode()


def test_htmx_request_gets_only_the_status_part(world, login):
    response = login(world["viewer"]).get(
        reverse("plans:detail", args=[world["plan"].slug]) + "?as_of=2020-01-01",
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="plan-status">')
    assert "<html" not in page
    # Caches keep the fragment apart from the page, so Back never shows it as one.
    assert "HX-Request" in response["Vary"]
    assert "no-store" in response["Cache-Control"]
    # The links that carry the date follow it, swapped in out of band.
    assert 'id="status-report-link"' in page and "report/?as_of=2020-01-01" in page
    assert 'id="today-control" hx-swap-oob="true"><a href=' in page


def test_full_plan_page_varies_on_htmx_and_history_restore_gets_the_whole_page(world, login):
    url = reverse("plans:detail", args=[world["plan"].slug]) + "?as_of=2020-01-01"
    client = login(world["viewer"])
    response = client.get(url)
    assert "HX-Request" in response["Vary"]
    assert "report/?as_of=2020-01-01" in response.content.decode()
    restored = client.get(url, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restored.content.decode()
    today = client.get(reverse("plans:detail", args=[world["plan"].slug]))
    assert '<span id="today-control"></span>' in today.content.decode()


def test_reference_to_another_measure_is_a_link(world, login):
    referring = add_measure(world["plan"], "Samkjøre informasjon", refs=["9"])
    page = (
        login(world["viewer"])
        .get(reverse("plans:detail", args=[world["plan"].slug]))
        .content.decode()
    )
    assert f'href="#measure-{world["police_measure"].pk}">9</a>' in page
    detail = (
        login(world["viewer"])
        .get(reverse("plans:measure", args=[world["plan"].slug, referring.pk]))
        .content.decode()
    )
    assert world["police_measure"].get_absolute_url() in detail


def big_plan(measures, updates):
    owner = Organisation.objects.get_or_create(name="Moss kommune")[0]
    plan = make_plan(f"Plan {measures}", owners=[owner], published=True)
    areas = [Area.objects.create(plan=plan, title=f"Område {i}", position=i) for i in range(3)]
    rows = []
    for i in range(measures):
        measure = add_measure(
            plan, f"Tiltak {i}", number=str(i + 1), area=areas[i % 3], responsible=[owner, "Rektor"]
        )
        for j in range(updates):
            rows.append(
                StatusUpdate(
                    measure=measure,
                    as_of=datetime.date(2015, 1, 1) + datetime.timedelta(days=30 * j),
                    state=[State.NOT_STARTED, State.ONGOING, State.DONE][j % 3],
                )
            )
    StatusUpdate.objects.bulk_create(rows)
    return plan


def test_plan_page_runs_a_constant_number_of_queries(
    world, login, django_assert_num_queries, django_assert_max_num_queries
):
    small = big_plan(5, 2)
    large = big_plan(60, 40)
    client = login(world["coordinator"])
    client.get(reverse("plans:detail", args=[small.slug]))  # warm the session
    cache.clear()  # count the queries that render the page, not a cached copy
    with django_assert_max_num_queries(22) as small_queries:
        assert client.get(reverse("plans:detail", args=[small.slug])).status_code == 200
    with django_assert_num_queries(len(small_queries)):
        page = client.get(reverse("plans:detail", args=[large.slug]))
    assert page.content.decode().count('class="state state-') >= 60


def test_plan_list_runs_a_constant_number_of_queries(world, login, django_assert_num_queries):
    client = login(world["admin"])
    with django_assert_num_queries(5) as before:  # the plans are read once
        client.get(reverse("plans:list"))
    for i in range(10):
        big_plan(1 + i, 0)
    with django_assert_num_queries(len(before)):
        client.get(reverse("plans:list"))


# Forms


def test_coordinator_creates_a_plan_owned_by_their_organisation(world, login):
    response = login(world["coordinator"]).post(
        reverse("plans:create"),
        {
            "title": "Handlingsplan mot vold i nære relasjoner 2027",
            "kind": "action_plan",
            "language": "nb",
            "owners": [world["moss"].pk],
            "period_start": "2027-01-01",
            "period_end": "2030-12-31",
            "goals": "Færre voldshendelser\n\nTidlig innsats",
        },
    )
    plan = Plan.objects.get(title="Handlingsplan mot vold i nære relasjoner 2027")
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert plan.slug == "handlingsplan-mot-vold-i-naere-relasjoner-2027"
    assert plan.goals == ["Færre voldshendelser", "Tidlig innsats"]
    assert [o.organisation for o in plan.ownerships.all()] == [world["moss"]]


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"period_end": "2026-01-01"}, "period_end", "cannot end before it starts"),
        ({"period_start": "2027-02-31"}, "period_start", "Enter a valid date"),
        ({"title": ""}, "title", "This field is required"),
        ({"owners": []}, "owners", "This field is required"),
    ],
)
def test_plan_form_explains_bad_input_and_saves_nothing(world, login, changes, field, message):
    data = {
        "title": "Ny plan",
        "kind": "action_plan",
        "language": "nb",
        "owners": [world["moss"].pk],
        "period_start": "2027-01-01",
        **changes,
    }
    response = login(world["coordinator"]).post(reverse("plans:create"), data)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not Plan.objects.filter(title="Ny plan").exists()


def test_coordinator_cannot_hand_a_plan_to_another_organisation_only(world, login):
    response = login(world["coordinator"]).post(
        reverse("plans:create"),
        {
            "title": "Ny plan",
            "kind": "action_plan",
            "language": "nb",
            "owners": [world["rana"].pk],
        },
    )
    assert response.status_code == 200
    assert not Plan.objects.filter(title="Ny plan").exists()


def test_nested_goal_area(world, login):
    url = reverse("plans:area_create", args=[world["plan"].slug])
    response = login(world["coordinator"]).post(
        url,
        {
            "parent": world["area"].pk,
            "number": "1.1",
            "title": "Skole",
            "development": "Mer kunnskap",
        },
    )
    assert response.status_code == 302
    child = Area.objects.get(title="Skole")
    assert child.parent == world["area"] and child.development == ["Mer kunnskap"]
    page = (
        login(world["viewer"])
        .get(reverse("plans:detail", args=[world["plan"].slug]))
        .content.decode()
    )
    assert "<h3>1.1. Skole</h3>" in page


def test_area_cannot_be_moved_under_itself(world, login):
    url = reverse("plans:area_edit", args=[world["plan"].slug, world["area"].pk])
    response = login(world["coordinator"]).post(url, {"parent": world["area"].pk, "title": "X"})
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors


def measure_data(**changes):
    data = {
        "number": "12",
        "title": "Informasjon til elevrådene",
        "description": "",
        "kind": "proposed",
        "timing": "continuous",
        "partners": "Krisesenteret\nHelsestasjonen",
        "target_groups": "Elever",
        "prevention_level": "universal",
        "refs": "9",
        "scopes": "",
        "responsible-TOTAL_FORMS": "2",
        "responsible-INITIAL_FORMS": "0",
        "responsible-MIN_NUM_FORMS": "0",
        "responsible-MAX_NUM_FORMS": "1000",
        "responsible-0-name": "Koordinator",
        "responsible-0-phase": "Utarbeidelse",
        "responsible-1-name": "Rektor",
        "responsible-1-phase": "",
    }
    data.update(changes)
    return data


def test_coordinator_creates_a_measure_with_several_responsible(world, login):
    url = reverse("plans:measure_create", args=[world["plan"].slug])
    response = login(world["coordinator"]).post(url, measure_data(area=world["area"].pk))
    measure = Measure.objects.get(title="Informasjon til elevrådene")
    assert response.status_code == 302
    assert [(r.phase, r.name) for r in measure.responsibilities.all()] == [
        ("Utarbeidelse", "Koordinator"),
        ("", "Rektor"),
    ]
    assert measure.partners == ["Krisesenteret", "Helsestasjonen"]
    assert measure.refs == ["9"] and measure.area == world["area"]
    # It goes last in the plan's order.
    assert measure.position > world["other_measure"].position


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"refs": "9, 77"}, "refs", "no measure numbered 77"),
        ({"timing": "period"}, "timing_start", "Give a start or an end date"),
        (
            {"timing": "period", "timing_start": "2022-01-01", "timing_end": "2021-01-01"},
            "timing_end",
            "cannot end before it starts",
        ),
        ({"timing_start": "2022-01-01"}, "timing", "only apply when the timing is a period"),
        ({"title": ""}, "title", "This field is required"),
    ],
)
def test_measure_form_explains_bad_input(world, login, changes, field, message):
    url = reverse("plans:measure_create", args=[world["plan"].slug])
    response = login(world["coordinator"]).post(url, measure_data(**changes))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not Measure.objects.filter(number="12").exists()


def test_edit_measure_removes_a_responsible(world, login):
    measure = world["police_measure"]
    responsibility = measure.responsibilities.get()
    url = reverse("plans:measure_edit", args=[world["plan"].slug, measure.pk])
    data = measure_data(
        **{
            "title": measure.title,
            "number": "9",
            "refs": "",
            "responsible-TOTAL_FORMS": "1",
            "responsible-INITIAL_FORMS": "1",
            "responsible-0-id": responsibility.pk,
            "responsible-0-measure": measure.pk,
            "responsible-0-name": responsibility.name,
            "responsible-0-DELETE": "on",
        }
    )
    response = login(world["coordinator"]).post(url, data)
    assert response.status_code == 302
    assert not measure.responsibilities.exists()


@pytest.mark.parametrize("number, ok", [("3103", True), ("", True), ("31", False), ("31O3", False)])
def test_organisation_municipality_number(world, login, number, ok):
    response = login(world["coordinator"]).post(
        reverse("plans:organisation_create"),
        {
            "name": "Råde kommune",
            "kind": "municipality",
            "country": "NO",
            "municipality_number": number,
        },
    )
    assert Organisation.objects.filter(name="Råde kommune").exists() == ok
    if not ok:
        assert "four digits" in str(response.context["form"].errors["municipality_number"])


def test_contact_form(world, login):
    response = login(world["coordinator"]).post(
        reverse("plans:contact_create"),
        {
            "name": "Kari Nordmann",
            "title": "Familievoldskoordinator",
            "organisation": world["moss"].pk,
            "email": "kari@",
            "language": "nb",
        },
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    response = login(world["coordinator"]).post(
        reverse("plans:contact_create"),
        {
            "name": "Kari Nordmann",
            "title": "Familievoldskoordinator",
            "organisation": world["moss"].pk,
            "email": "kari@moss.kommune.no",
            "language": "nb",
        },
    )
    assert response.status_code == 302
    assert Contact.objects.get().organisation == world["moss"]


def test_measure_without_history_can_be_deleted_but_history_is_kept(world, login):
    client = login(world["coordinator"])
    slug = world["plan"].slug
    add_update(world["police_measure"], "2020-01-01", State.DONE)
    response = client.post(
        reverse("plans:measure_delete", args=[slug, world["police_measure"].pk]), follow=True
    )
    assert "never deleted" in response.content.decode()
    assert Measure.objects.filter(pk=world["police_measure"].pk).exists()
    client.post(reverse("plans:measure_delete", args=[slug, world["other_measure"].pk]))
    assert not Measure.objects.filter(pk=world["other_measure"].pk).exists()
    assert (
        login(world["viewer"])
        .post(reverse("plans:measure_delete", args=[slug, world["police_measure"].pk]))
        .status_code
        == 403
    )


def test_only_an_empty_area_can_be_deleted(world, login):
    client = login(world["coordinator"])
    slug = world["plan"].slug
    client.post(reverse("plans:area_delete", args=[slug, world["area"].pk]))
    assert Area.objects.filter(pk=world["area"].pk).exists()
    empty = Area.objects.create(plan=world["plan"], title="Tom", position=9)
    client.post(reverse("plans:area_delete", args=[slug, empty.pk]))
    assert not Area.objects.filter(pk=empty.pk).exists()


@pytest.mark.parametrize(
    "url",
    [
        "/plans/{plan}/measures/new/?area=abc",
        "/plans/{plan}/report/?area=%C2%B2",
        "/plans/{plan}/wheel/?year=0",
        "/plans/{plan}/wheel.svg?year=99999",
        "/plans/{plan}/wheel/?month=13",
    ],
)
def test_odd_numbers_in_addresses_are_not_errors(world, login, url):
    response = login(world["coordinator"]).get(url.format(plan=world["plan"].slug))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url, data",
    [
        ("/plans/{plan}/feeds/new/", {"group": "abc"}),
        ("/plans/{plan}/rounds/{round}/add/", {"contact": "abc", "measure": "x"}),
    ],
)
def test_odd_numbers_in_forms_are_not_errors(world, login, url, data):
    from followup.models import StatusRound

    status_round = StatusRound.objects.create(
        plan=world["plan"], as_of="2025-01-01", deadline="2025-02-01"
    )
    response = login(world["coordinator"]).post(
        url.format(plan=world["plan"].slug, round=status_round.pk), data
    )
    assert response.status_code == 302


def _form_defaults(page):
    """The values a browser would send from a form as the page renders it."""
    import html
    import re

    data = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page):
        data[name] = html.unescape(value)
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', page):
        data[name] = html.unescape(text).strip("\r\n")
    return data


def test_new_measure_saves_as_the_form_is_delivered(world, login):
    """The empty form's own values save: no "[]" in "Refers to measures"."""
    client = login(world["coordinator"])
    url = reverse("plans:measure_create", args=[world["plan"].slug])
    data = _form_defaults(client.get(url).content.decode())
    assert data.get("refs", "") == ""
    data.update({"title": "Kurs for nye lærere", "responsible-0-organisation": world["moss"].pk})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    measure = Measure.objects.get(title="Kurs for nye lærere")
    # An organisation alone is enough; its name stands as the written text.
    assert [(r.organisation, r.name) for r in measure.responsibilities.all()] == [
        (world["moss"], "Moss kommune")
    ]


def test_measure_form_errors_are_summarised_at_the_top_with_links(world, login):
    url = reverse("plans:measure_create", args=[world["plan"].slug])
    response = login(world["coordinator"]).post(
        url,
        measure_data(
            refs="77", **{"responsible-1-name": "", "responsible-1-phase": "Gjennomføring"}
        ),
    )
    page = response.content.decode()
    start = page.index('class="error-summary"')
    summary = page[start : page.index("</div>", start)]
    assert page.index("error-summary") < page.index('name="title"')
    assert 'href="#id_refs"' in summary and "no measure numbered 77" in summary
    # A row with a phase but neither organisation nor role is named too.
    assert 'href="#id_responsible-1-name"' in summary
    assert "Choose an organisation or write a role." in summary


def test_plan_note_and_timing_as_written_show_and_travel_in_json(world, login):
    plan = world["plan"]
    plan.note = "Dokumentets egen oppsummering: ferdig 31 %."
    plan.save()
    measure = world["police_measure"]
    measure.timing_text = "vecka 47"
    measure.save()
    client = login(world["viewer"])
    page = client.get(reverse("plans:detail", args=[plan.slug])).content.decode()
    assert "Dokumentets egen oppsummering" in page and "vecka 47" in page
    assert "vecka 47" in client.get(measure.get_absolute_url()).content.decode()
    document = client.get(reverse("plans:json", args=[plan.slug])).json()
    assert document["note"] == plan.note
    assert document["areas"][0]["measures"][0]["timing_text"] == "vecka 47"


def test_plan_form_offers_as_parent_only_plans_the_user_edits(world, login):
    form = login(world["coordinator"]).get(reverse("plans:create")).context["form"]
    parents = set(form.fields["parent"].queryset)
    assert world["plan"] in parents
    assert world["public_plan"] not in parents  # Rana's, readable but not theirs
