"""Every view against every role: who may see, and who may change, what."""

import pytest
from django.urls import reverse

from followup.models import StatusUpdate

ACTORS = ["anonymous", "outsider", "viewer", "contributor", "coordinator", "admin"]


def actor(world, name):
    return None if name == "anonymous" else world[name]


def check(world, login, name, method, url, expected, data=None):
    client = login(actor(world, name))
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    code = response.status_code
    if expected == "login":
        assert code == 302 and "/accounts/login/" in response["Location"], (name, url, code)
    else:
        assert code == expected, (name, url, code)


# What each actor gets on each page of the unpublished plan of Moss kommune.
PLAN_PAGES = {
    "plans:detail": [404, 404, 200, 200, 200, 200],
    "plans:json": [404, 404, 200, 200, 200, 200],
    "plans:edit": ["login", 404, 403, 403, 200, 200],
    "plans:area_create": ["login", 404, 403, 403, 200, 200],
    "plans:measure_create": ["login", 404, 403, 403, 200, 200],
}


@pytest.mark.parametrize("page", PLAN_PAGES)
@pytest.mark.parametrize("index, name", list(enumerate(ACTORS)))
def test_plan_pages(world, login, page, index, name):
    url = reverse(page, args=[world["plan"].slug])
    check(world, login, name, "get", url, PLAN_PAGES[page][index])


MEASURE_PAGES = {
    "plans:measure": [404, 404, 200, 200, 200, 200],
    "plans:measure_edit": ["login", 404, 403, 403, 200, 200],
}


@pytest.mark.parametrize("page", MEASURE_PAGES)
@pytest.mark.parametrize("index, name", list(enumerate(ACTORS)))
def test_measure_pages(world, login, page, index, name):
    url = reverse(page, args=[world["plan"].slug, world["police_measure"].pk])
    check(world, login, name, "get", url, MEASURE_PAGES[page][index])


@pytest.mark.parametrize("index, name", list(enumerate(ACTORS)))
def test_area_edit(world, login, index, name):
    url = reverse("plans:area_edit", args=[world["plan"].slug, world["area"].pk])
    check(world, login, name, "get", url, ["login", 404, 403, 403, 200, 200][index])


STATUS = {"as_of": "2020-01-01", "state": "ongoing", "done": "Brosjyre trykket", "remaining": ""}


@pytest.mark.parametrize(
    "measure, expected",
    [
        ("police_measure", ["login", 404, 403, 302, 302, 302]),
        ("other_measure", ["login", 404, 403, 403, 302, 302]),
    ],
)
@pytest.mark.parametrize("index, name", list(enumerate(ACTORS)))
def test_status_updates(world, login, measure, expected, index, name):
    url = reverse("plans:status_create", args=[world["plan"].slug, world[measure].pk])
    check(world, login, name, "post", url, expected[index], STATUS)
    written = StatusUpdate.objects.filter(measure=world[measure]).count()
    assert written == (1 if expected[index] == 302 and name != "anonymous" else 0)


DIRECTORY_PAGES = [
    "plans:organisations",
    "plans:organisation_create",
    "plans:contacts",
    "plans:contact_create",
    "plans:create",
]


@pytest.mark.parametrize("page", DIRECTORY_PAGES)
@pytest.mark.parametrize(
    "name, expected",
    [
        ("anonymous", "login"),
        ("viewer", 403),
        ("contributor", 403),
        ("outsider", 200),
        ("coordinator", 200),
        ("admin", 200),
    ],
)
def test_directory_and_new_plan_pages(world, login, page, name, expected):
    check(world, login, name, "get", reverse(page), expected)


@pytest.mark.parametrize(
    "name, sees_private",
    [
        ("anonymous", False),
        ("outsider", False),
        ("viewer", True),
        ("contributor", True),
        ("coordinator", True),
        ("admin", True),
    ],
)
def test_plan_list_shows_only_what_the_user_may_read(world, login, name, sees_private):
    page = login(actor(world, name)).get(reverse("plans:list")).content.decode()
    assert "SLT-plan Rana" in page
    assert ("Handlingsplan Moss" in page) == sees_private


def test_published_plan_is_readable_by_anyone(world, client):
    response = client.get(reverse("plans:detail", args=[world["public_plan"].slug]))
    assert response.status_code == 200
    assert "Utekontakten" in response.content.decode()
    assert "Edit plan" not in response.content.decode()


def test_edit_links_only_for_those_who_may_edit(world, login):
    url = reverse("plans:detail", args=[world["plan"].slug])
    assert "Edit plan" in login(world["coordinator"]).get(url).content.decode()
    assert "Edit plan" not in login(world["viewer"]).get(url).content.decode()


def test_contributor_sees_the_status_form_only_on_their_own_measure(world, login):
    client = login(world["contributor"])
    own = client.get(
        reverse("plans:measure", args=[world["plan"].slug, world["police_measure"].pk])
    )
    other = client.get(
        reverse("plans:measure", args=[world["plan"].slug, world["other_measure"].pk])
    )
    assert "Save status" in own.content.decode()
    assert "Save status" not in other.content.decode()


def test_measure_of_another_plan_is_not_found_through_this_plan(world, login):
    foreign = world["public_plan"].measures.get()
    url = reverse("plans:measure", args=[world["plan"].slug, foreign.pk])
    assert login(world["admin"]).get(url).status_code == 404


def test_a_coordinator_cannot_redirect_another_plans_links(world, login):
    """Changing the e-mail of a contact that another municipality's plan relies on would
    send that plan's personal links elsewhere."""
    from plans.models import Contact, Responsibility

    kari = Contact.objects.create(
        name="Kari", email="kari@politiet.no", organisation=world["police"]
    )
    Responsibility.objects.filter(measure=world["police_measure"]).update(contact=kari)
    outsider = login(world["outsider"])
    assert outsider.get(reverse("plans:contact_edit", args=[kari.pk])).status_code == 404
    assert (
        outsider.get(reverse("plans:organisation_edit", args=[world["moss"].pk])).status_code == 404
    )
    assert "kari@politiet.no" not in outsider.get(reverse("plans:contacts")).content.decode()
    assert outsider.post(reverse("cooperation:contact_feed", args=[kari.pk])).status_code == 404
    # Moss's plan needs Kari: its coordinator sees her, but she is the police's to keep.
    coordinator = login(world["coordinator"])
    assert coordinator.get(reverse("plans:contact_edit", args=[kari.pk])).status_code == 404
    page = coordinator.get(reverse("plans:contacts")).content.decode()
    assert "Kari" in page and "kari@politiet.no" not in page
    # A coordinator keeps the contacts of their own organisation.
    own = Contact.objects.create(name="Ny", email="ny@example.org", organisation=world["rana"])
    assert (
        login(world["outsider"]).get(reverse("plans:contact_edit", args=[own.pk])).status_code
        == 200
    )


def test_draft_reports_are_for_editors_only(world, login, client):
    import datetime

    from reports.models import Report

    world["plan"].published = True
    world["plan"].save()
    draft = Report.objects.create(
        plan=world["plan"], as_of=datetime.date(2020, 1, 1), summary="Hemmelig utkast"
    )
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert (
        "Hemmelig utkast"
        in login(world["coordinator"]).get(draft.get_absolute_url()).content.decode()
    )
    draft.freeze({"summary": {}, "measures": []} | draft_content(world))
    assert client.get(draft.get_absolute_url()).status_code == 200


def draft_content(world):
    import datetime

    from reports.report import build_report

    return build_report(world["plan"], datetime.date(2020, 1, 1))


def test_unpublished_parent_title_is_not_shown(world, client):
    world["public_plan"].parent = world["plan"]
    world["public_plan"].save()
    page = client.get(reverse("plans:list")).content.decode()
    assert "Handlingsplan Moss" not in page
    document = client.get(reverse("plans:json", args=[world["public_plan"].slug])).json()
    assert document["parent"] is None
