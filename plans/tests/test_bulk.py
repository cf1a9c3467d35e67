"""Many measures at once: paste, preview with errors per row, create all or none; order."""

import datetime

import pytest
from django.urls import reverse

from conftest import add_measure, make_plan, make_user
from plans import bulk
from plans.models import (
    Invitation,
    InvitationKind,
    InvitationState,
    Measure,
    Plan,
    Responsibility,
)
from plans.ordering import measures_in_order

PASTED = (
    "Nr.\tTiltak\tAnsvarlig\tTid\n"
    "1.1\tFelles rutiner\tPolitiet i Øst; Kommunalsjef\tløpende\n"
    "1.2\tKurs for ansatte\tBarnevernet\t2021–2022\n"
    "1.10\tÅrshjul i skolen\t\t2024\n"
    "2\tEvaluering\tKoordinator\t2021-03-01 – 2021-06-30\n"
)


def test_pasted_rows_become_measures_with_responsibles_and_timing(world):
    rows = bulk.parse_rows(PASTED, world["plan"])
    assert [r.errors for r in rows] == [[], [], [], []]  # the header row is skipped
    assert [(r.number, r.title) for r in rows][0] == ("1.1", "Felles rutiner")
    created = bulk.create_measures(world["plan"], rows)
    first = created[0]
    assert [(r.name, r.organisation) for r in first.responsibilities.all()] == [
        ("Politiet i Øst", world["police"]),
        ("Kommunalsjef", None),
    ]
    assert first.timing == "continuous"
    assert (created[1].timing_start, created[1].timing_end) == (
        datetime.date(2021, 1, 1),
        datetime.date(2022, 12, 31),
    )
    assert created[3].timing_end == datetime.date(2021, 6, 30)


def test_lines_of_text_work_too(world):
    rows = bulk.parse_rows("3.1 Felles rutiner\nKurs uten nummer\n", world["plan"])
    assert [(r.number, r.title, r.errors) for r in rows] == [
        ("3.1", "Felles rutiner", []),
        ("", "Kurs uten nummer", []),
    ]


def test_every_bad_row_is_named_and_nothing_is_created(world, login):
    text = "9\tTatt nummer\n5\t\n6\tUkjent tid\t\tvecka 47\n6\tSamme nummer\n"
    client = login(world["coordinator"])
    url = reverse("plans:measure_paste", args=[world["plan"].slug])
    before = Measure.objects.count()
    response = client.post(url, {"rows": text, "action": "create"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "The plan already has a measure numbered 9." in page
    assert "The title is missing." in page
    assert "The timing “vecka 47” is not understood" in page
    assert "Number 6 is also on line 3." in page
    assert Measure.objects.count() == before
    assert "Tatt nummer" in page  # the text is kept for correcting


def test_preview_then_create_through_the_page(world, login):
    client = login(world["coordinator"])
    url = reverse("plans:measure_paste", args=[world["plan"].slug])
    preview = client.post(url, {"rows": PASTED, "action": "preview", "area": str(world["area"].pk)})
    assert preview.status_code == 200 and "4 measures will be created" in preview.content.decode()
    assert Measure.objects.filter(title="Evaluering").count() == 0
    response = client.post(url, {"rows": PASTED, "action": "create", "area": str(world["area"].pk)})
    assert response.status_code == 302
    assert Measure.objects.filter(plan=world["plan"], area=world["area"]).count() == 6


@pytest.mark.parametrize("name, code", [("viewer", 403), ("contributor", 403), ("outsider", 404)])
def test_only_editors_paste_and_reorder(world, login, name, code):
    client = login(world[name])
    assert client.get(reverse("plans:measure_paste", args=[world["plan"].slug])).status_code == code
    sort = reverse("plans:measure_sort", args=[world["plan"].slug])
    assert client.post(sort).status_code == code


def test_sort_by_number_and_move(world, login):
    plan = world["plan"]
    area = world["area"]
    for number in ["1.10", "1.2", "", "1.1"]:
        add_measure(plan, f"Tiltak {number or 'uten nummer'}", number=number, area=area)
    client = login(world["coordinator"])
    client.post(reverse("plans:measure_sort", args=[plan.slug]))

    def order():
        return [m.number for m in Measure.objects.filter(area=area).order_by("position", "id")]

    # The measure without a number stays after 1.2, which it followed, as the plan page shows.
    assert order() == ["1.1", "1.2", "", "1.10", "9", "11"]
    moved = Measure.objects.get(number="1.10")
    client.post(reverse("plans:measure_move", args=[plan.slug, moved.pk, "up"]))
    assert order() == ["1.1", "1.2", "1.10", "", "9", "11"]
    first = Measure.objects.get(number="1.1")
    client.post(reverse("plans:measure_move", args=[plan.slug, first.pk, "up"]))  # already first
    assert order()[0] == "1.1"
    page = client.get(reverse("plans:measure_order", args=[plan.slug])).content.decode()
    assert "Move 1.10. Tiltak 1.10 up" in page


def test_sort_by_number_keeps_a_numbering_that_starts_again_apart(world, login):
    """Rana's shape: existing measures 1-3, then proposed measures 1-2, in one area."""
    plan = make_plan("Rana", owners=[world["moss"]])
    for number in ["1", "2", "3", "1", "2"]:
        add_measure(plan, f"Tiltak {number}", number=number)
    shown = [m.pk for m in measures_in_order(plan)]
    client = login(world["coordinator"])
    client.post(reverse("plans:measure_sort", args=[plan.slug]))
    # Before, the sort interleaved the two runs (1, 1, 2, 2, 3) on every page.
    assert [m.pk for m in measures_in_order(plan)] == shown
    assert list(plan.measures.order_by("position", "id").values_list("pk", flat=True)) == shown


def test_sort_by_number_writes_in_a_few_queries_and_shows_at_once(
    world, django_assert_max_num_queries
):
    plan, area = world["plan"], world["area"]
    for number in range(40, 0, -1):
        add_measure(plan, f"Tiltak 20.{number}", number=f"20.{number}", area=area)
    version = Plan.objects.get(pk=plan.pk).version
    with django_assert_max_num_queries(8):
        bulk.sort_by_number(plan)
    numbers = [m.number for m in Measure.objects.filter(area=area).order_by("position", "id")]
    assert numbers[-40:] == [f"20.{n}" for n in range(1, 41)]
    # The plan's cached pages are keyed by its version: the new order shows at once.
    assert Plan.objects.get(pk=plan.pk).version > version


# Tenancy: naming another organisation in a pasted row invites it, as the measure form does.


def test_pasting_another_organisation_invites_it_instead_of_giving_it_the_plan(world, login):
    helper = make_user("rana-contributor", world["rana"], "contributor")
    client = login(world["coordinator"])
    url = reverse("plans:measure_paste", args=[world["plan"].slug])
    text = "30\tUtekontakt i Moss\trana kommune; Kommunalsjef\tløpende\n"
    preview = client.post(url, {"rows": text, "action": "preview"}).content.decode()
    assert "not yet taking part in the plan are invited" in preview and "Rana kommune" in preview
    response = client.post(url, {"rows": text, "action": "create"}, follow=True)
    assert "Invited, awaiting acceptance by their coordinators: Rana kommune." in (
        response.content.decode()
    )
    responsibility = Responsibility.objects.get(measure__number="30", name="rana kommune")
    assert responsibility.organisation == world["rana"]
    invitation = Invitation.objects.get(plan=world["plan"], organisation=world["rana"])
    assert (invitation.kind, invitation.state) == (
        InvitationKind.PARTICIPANT,
        InvitationState.PENDING,
    )
    assert (
        "invited, awaiting acceptance"
        in client.get(world["plan"].get_absolute_url()).content.decode()
    )
    # Rana's people get nothing until Rana accepts.
    assert login(helper).get(world["plan"].get_absolute_url()).status_code == 404


def test_a_coordinator_of_moss_pasting_the_police_invites_the_police(world, login):
    # A plan of Moss the police takes no part in yet.
    plan = make_plan("Ny plan", owners=[world["moss"]])
    police_contributor = world["contributor"]
    client = login(world["coordinator"])
    url = reverse("plans:measure_paste", args=[plan.slug])
    response = client.post(
        url, {"rows": "1\tFelles rutiner\tPolitiet i Øst\tløpende\n", "action": "create"}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(plan=plan, organisation=world["police"])
    assert invitation.state == InvitationState.PENDING
    assert login(police_contributor).get(plan.get_absolute_url()).status_code == 404


def test_pasting_an_organisation_the_user_keeps_takes_it_in_at_once(world, login):
    plan = make_plan("Ny plan", owners=[world["moss"]])
    client = login(world["admin"])
    url = reverse("plans:measure_paste", args=[plan.slug])
    response = client.post(
        url,
        {"rows": "1\tFelles rutiner\tPolitiet i Øst\tløpende\n", "action": "create"},
        follow=True,
    )
    assert "awaiting acceptance" not in response.content.decode()
    invitation = Invitation.objects.get(plan=plan, organisation=world["police"])
    assert invitation.state == InvitationState.ACCEPTED


@pytest.mark.parametrize("control", ["\x00", "\x07"])
def test_control_characters_in_a_pasted_cell_are_a_row_error(world, login, control):
    """NUL is refused by PostgreSQL (a 500 once created); no cell may hold a control."""
    text = f"1.1\tFelles rutiner\tPolitiet{control}\tløpende\n1.2 Kurs{control}\n1.3\tGreit\n"
    rows = bulk.parse_rows(text, world["plan"])
    problem = "The text holds invisible control characters"
    assert [any(problem in e for e in r.errors) for r in rows] == [True, True, False]
    client = login(world["coordinator"])
    url = reverse("plans:measure_paste", args=[world["plan"].slug])
    before = Measure.objects.count()
    response = client.post(url, {"rows": text, "action": "create"})
    assert response.status_code == 400
    assert problem in response.content.decode()
    assert Measure.objects.count() == before
