"""Groups, meetings and minutes, adoption, the annual wheel, obligations and calendar feeds."""

import datetime
import io
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from icalendar import Calendar
from pypdf import PdfReader

from conftest import add_update
from cooperation import feeds
from cooperation.duties import make_obligations, obligation_state
from cooperation.models import AnnualEntry, Group, GroupMember, Meeting, Obligation, ReportingDuty
from cooperation.wheel import events_in_year
from demo.loader import load_demo
from followup.models import State, StatusUpdate
from plans.models import Adoption, Plan

OSLO = ZoneInfo("Europe/Oslo")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def group(world):
    group = Group.objects.create(
        name="Koordineringsgruppen",
        level="coordinating",
        cadence="every 14 days",
        recurrence="FREQ=WEEKLY;INTERVAL=2",
        first_meeting=datetime.datetime(2025, 3, 20, 18, 0, tzinfo=OSLO),
        location="Rådhuset",
    )
    group.plans.add(world["plan"])
    GroupMember.objects.create(group=group, name="SLT-koordinator", position=0)
    return group


def test_coordinator_creates_a_group_with_members_and_a_cadence(world, login):
    client = login(world["coordinator"])
    response = client.post(
        reverse("cooperation:group_create", args=[world["plan"].slug]),
        {
            "name": "Politirådet",
            "level": "strategic",
            "cadence": "4 ganger i året",
            "recurrence": "",
            "first_meeting": "2025-02-04T09:00",
            "meeting_minutes": "90",
            "chair": "Ordfører",
            "members-TOTAL_FORMS": "2",
            "members-INITIAL_FORMS": "0",
            "members-MIN_NUM_FORMS": "0",
            "members-MAX_NUM_FORMS": "1000",
            "members-0-name": "Ordfører",
            "members-1-name": "Politistasjonssjef",
            "members-1-organisation": world["police"].pk,
        },
    )
    group = Group.objects.get(name="Politirådet")
    assert response.status_code == 302
    assert group.recurrence == "FREQ=MONTHLY;INTERVAL=3"
    assert [m.name for m in group.members.all()] == ["Ordfører", "Politistasjonssjef"]
    assert group.members.get(name="Politistasjonssjef").organisation == world["police"]
    assert group.first_meeting.astimezone(OSLO).hour == 9


def test_cadence_that_cannot_be_read_is_explained(world, login):
    response = login(world["coordinator"]).post(
        reverse("cooperation:group_create", args=[world["plan"].slug]),
        {
            "name": "Nettverket",
            "cadence": "når det passer",
            "meeting_minutes": "60",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "did not understand" in response.content.decode()
    assert not Group.objects.filter(name="Nettverket").exists()


@pytest.mark.parametrize(
    "name, code", [("viewer", 403), ("contributor", 403), ("outsider", 404), ("anonymous", 302)]
)
def test_only_coordinators_change_the_structure(world, login, group, name, code):
    client = login(None if name == "anonymous" else world[name])
    assert (
        client.get(
            reverse("cooperation:group_edit", args=[world["plan"].slug, group.pk])
        ).status_code
        == code
    )


@pytest.mark.parametrize("name, code", [("viewer", 200), ("outsider", 404), ("anonymous", 404)])
def test_who_reads_the_structure(world, login, group, name, code):
    client = login(None if name == "anonymous" else world[name])
    assert (
        client.get(reverse("cooperation:structure", args=[world["plan"].slug])).status_code == code
    )
    assert client.get(reverse("cooperation:wheel", args=[world["plan"].slug])).status_code == code


def test_meetings_from_cadence_keep_local_time_across_summer_time(group):
    created = feeds.plan_meetings(
        group, count_months=2, now=datetime.datetime(2025, 3, 1, tzinfo=OSLO)
    )
    local = [m.starts_at.astimezone(OSLO) for m in created]
    assert [d.date().isoformat() for d in local][:3] == ["2025-03-20", "2025-04-03", "2025-04-17"]
    assert {d.hour for d in local} == {18}
    # Planning again adds nothing twice.
    assert (
        feeds.plan_meetings(group, count_months=2, now=datetime.datetime(2025, 3, 1, tzinfo=OSLO))
        == []
    )


def test_agenda_pulls_in_changed_and_overdue_measures_and_minutes_export(world, login, group):
    meeting = Meeting.objects.create(
        group=group,
        starts_at=datetime.datetime(2025, 6, 1, 18, tzinfo=OSLO),
        ends_at=datetime.datetime(2025, 6, 1, 20, tzinfo=OSLO),
    )
    add_update(world["police_measure"], "2025-05-01", State.DONE)
    other = world["other_measure"]
    other.timing, other.timing_end = "period", datetime.date(2025, 1, 31)
    other.save()
    client = login(world["coordinator"])
    slug = world["plan"].slug
    client.post(reverse("cooperation:agenda_pull", args=[slug, meeting.pk]))
    titles = list(meeting.agenda.values_list("title", flat=True))
    assert any("Informasjonsmateriell" in t and "Done" in t for t in titles)
    assert any("Skolenes årshjul" in t and "overdue" in t for t in titles)
    # A decision that is a status update goes into the measure's history.
    client.post(
        reverse("cooperation:meeting_update", args=[slug, meeting.pk, "decision"]),
        {
            "text": "Tiltaket er i gang igjen.",
            "kind": "status",
            "measure": other.pk,
            "state": "ongoing",
        },
    )
    update = StatusUpdate.objects.get(measure=other)
    assert (update.state, update.as_of) == ("ongoing", datetime.date(2025, 6, 1))
    assert meeting.decisions.get().status_update == update
    # A status decision without a state is refused with a reason.
    response = client.post(
        reverse("cooperation:meeting_update", args=[slug, meeting.pk, "decision"]),
        {"text": "Uklart", "kind": "status", "measure": other.pk, "state": ""},
        follow=True,
    )
    assert "Give the measure" in response.content.decode()
    client.post(
        reverse("cooperation:meeting_update", args=[slug, meeting.pk, "minutes"]),
        {"minutes": "Gjennomgang av tiltakene.", "state": "held"},
    )
    pdf = client.get(reverse("cooperation:meeting_file", args=[slug, meeting.pk, "pdf"]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert (
        "Koordineringsgruppen" in text
        and "Gjennomgang av tiltakene." in text
        and "Tiltaket er i gang igjen." in text
    )
    docx = Document(
        io.BytesIO(
            client.get(reverse("cooperation:meeting_file", args=[slug, meeting.pk, "docx"])).content
        )
    )
    assert "Tiltaket er i gang igjen." in docx.tables[0].rows[1].cells[0].text
    assert any("Informasjonsmateriell" in p.text for p in docx.paragraphs)


def test_single_meeting_ics(world, login, group):
    meeting = Meeting.objects.create(
        group=group,
        starts_at=datetime.datetime(2025, 10, 26, 18, tzinfo=OSLO),
        ends_at=datetime.datetime(2025, 10, 26, 20, tzinfo=OSLO),
        location="Rådhuset",
    )
    response = login(world["viewer"]).get(
        reverse("cooperation:meeting_file", args=[world["plan"].slug, meeting.pk, "ics"])
    )
    calendar = Calendar.from_ical(response.content)
    event = calendar.walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert start.astimezone(OSLO).hour == 18 and str(event["location"]) == "Rådhuset"
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Oslo"


def test_adoption_list_marks_overdue_decisions(world, login):
    Adoption.objects.create(
        plan=world["plan"],
        organisation=world["rana"],
        body="Kommunestyret",
        deadline=datetime.date(2020, 1, 1),
    )
    page = (
        login(world["viewer"])
        .get(reverse("cooperation:structure", args=[world["plan"].slug]))
        .content.decode()
    )
    assert "1 decision is overdue." in page
    response = login(world["coordinator"]).post(
        reverse("cooperation:adoption_create", args=[world["plan"].slug]),
        {
            "organisation": world["moss"].pk,
            "body": "Bystyret",
            "state": "adopted",
            "reference": "PS 12/21",
        },
    )
    assert "Give the date of the decision." in response.content.decode()


def test_obligations_are_due_done_or_overdue(world, group):
    duty = ReportingDuty.objects.create(
        plan=world["plan"],
        title="Halvårsrapport",
        to_group=group,
        recurrence="FREQ=MONTHLY;INTERVAL=6",
        starts=datetime.date(2024, 6, 30),
        ends=datetime.date(2025, 12, 31),
    )
    make_obligations(duty)
    dues = [o.due.isoformat() for o in duty.obligations.all()]
    assert dues == ["2024-06-30", "2024-12-30", "2025-06-30", "2025-12-30"]
    today = datetime.date(2025, 7, 1)
    states = [obligation_state(o, today) for o in duty.obligations.all()]
    assert states == ["overdue", "overdue", "overdue", "due"]
    first = duty.obligations.first()
    first.done_at = datetime.datetime(2024, 6, 29, tzinfo=OSLO)
    first.save()
    assert obligation_state(first, today) == "done"


@pytest.fixture
def demo(db):
    load_demo(history=False, today=datetime.date(2026, 11, 25))
    return Plan.objects.get(slug="rana-slt")


def test_demo_structure(demo):
    groups = {g.name: g for g in Group.objects.filter(plans=demo)}
    assert groups["Politirådet"].recurrence == "FREQ=MONTHLY;INTERVAL=3"
    assert groups["Utførergruppen"].recurrence == "FREQ=WEEKLY;INTERVAL=2"
    assert groups["Koordineringsgruppen"].members.count() >= 5
    assert Meeting.objects.filter(group__plans=demo, starts_at__year=2024).count() > 30
    strategy = Plan.objects.get(slug="vastmanland-strategi")
    assert strategy.adoptions.count() == 14
    assert Group.objects.filter(plans=strategy).count() == 8
    assert Obligation.objects.filter(duty__plan=demo).exists()


def test_the_wheel_has_meetings_deadlines_and_activities(demo):
    jamtland = Plan.objects.get(slug="jamtland-2021")
    events = events_in_year(jamtland, 2021)
    assert [(e.date.isoformat(), e.kind) for e in events] == [
        ("2021-03-25", "activity"),
        ("2021-11-22", "activity"),
        ("2021-12-15", "deadline"),
    ]
    rana = events_in_year(demo, 2024)
    assert {e.kind for e in rana} == {"meeting", "obligation"}


def test_plan_feed_validates_and_keeps_recurrence(demo, tmp_path, settings):
    jamtland = Plan.objects.get(slug="jamtland-2021")
    path = tmp_path / "jamtland.ics"
    call_command("calendar", plan="jamtland-2021", output=str(path))
    calendar = Calendar.from_ical(path.read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    week = events["Uppmärksamhetsvecka mot våld (vecka 47)"]
    assert week["rrule"]["BYWEEKNO"] == [47] and week.decoded("dtend") - week.decoded(
        "dtstart"
    ) == datetime.timedelta(days=5)
    assert events["Gemensam utbildningsdag"]["rrule"]["BYDAY"] == ["-1TH"]
    assert len(events) == AnnualEntry.objects.filter(plan=jamtland).count()
    rana = Calendar.from_ical(feeds.plan_feed(demo))
    meetings = [e for e in rana.walk("VEVENT") if str(e["summary"]) == "Utførergruppen"]
    assert meetings and all(e.decoded("dtstart").astimezone(OSLO).hour == 10 for e in meetings)
    assert all(e.get("uid") for e in rana.walk("VEVENT"))


def test_secret_feed_addresses_can_be_revoked(world, login, group, client):
    coordinator = login(world["coordinator"])
    coordinator.post(
        reverse("cooperation:feed_create", args=[world["plan"].slug]), {"group": group.pk}
    )
    page = coordinator.get(
        reverse("cooperation:structure", args=[world["plan"].slug])
    ).content.decode()
    url = page.split('class="feed-url">')[1].split("<")[0]
    path = url.split("testserver")[1]
    response = client.get(path)
    assert response.status_code == 200 and b"BEGIN:VCALENDAR" in response.content
    from cooperation.models import FeedToken

    feed = FeedToken.objects.get()
    assert feed.token_hash not in path
    coordinator.post(reverse("cooperation:feed_revoke", args=[world["plan"].slug, feed.pk]))
    assert client.get(path).status_code == 404
    assert client.get("/feeds/guessed-token.ics").status_code == 404


def test_contact_feed_has_their_groups_and_round_deadlines(world, group):
    from plans.models import Contact

    kari = Contact.objects.create(name="Kari", email="k@example.org", organisation=world["police"])
    GroupMember.objects.create(group=group, name="Politikontakt", contact=kari)
    feeds.plan_meetings(group, count_months=1, now=datetime.datetime(2025, 3, 1, tzinfo=OSLO))
    calendar = Calendar.from_ical(feeds.contact_feed(kari))
    assert {str(e["summary"]) for e in calendar.walk("VEVENT")} == {"Koordineringsgruppen"}


def test_wheel_command_and_picture(demo, tmp_path):
    path = tmp_path / "wheel.svg"
    call_command("wheel", plan="rana-slt", output=str(path), year=2024)
    svg = path.read_text()
    assert svg.startswith("<svg") and "<desc>" in svg and svg.count("<circle") > 30
    # A PNG for a person to look at, drawn by WeasyPrint and poppler.
    if shutil.which("pdftoppm"):
        from weasyprint import HTML

        ARTIFACTS.mkdir(exist_ok=True)
        pdf = ARTIFACTS / "wheel-rana-2024.pdf"
        HTML(string=f"<html><body style='margin:0'>{svg}</body></html>").write_pdf(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-singlefile",
                str(pdf),
                str(ARTIFACTS / "wheel-rana-2024"),
            ],
            check=True,
        )
        assert (ARTIFACTS / "wheel-rana-2024.png").stat().st_size > 5000


def test_coordinator_makes_a_contact_feed(world, login):
    from plans.models import Contact

    kari = Contact.objects.create(name="Kari", email="k@example.org", organisation=world["moss"])
    response = login(world["coordinator"]).post(
        reverse("cooperation:contact_feed", args=[kari.pk]), follow=True
    )
    assert "/feeds/" in response.content.decode()
    assert (
        login(world["viewer"]).post(reverse("cooperation:contact_feed", args=[kari.pk])).status_code
        == 403
    )


def test_wheel_month_view_lists_one_month(demo, client):
    page = client.get(
        reverse("cooperation:wheel", args=["rana-slt"]) + "?year=2024&month=6"
    ).content.decode()
    assert "June 2024" in page and "July 2024" not in page
    assert "Halvårsrapport fra koordineringsgruppen til politirådet" in page
    assert '<option value="6" selected>June</option>' in page
    bad = client.get(reverse("cooperation:wheel", args=["rana-slt"]) + "?year=20x4")
    assert bad.status_code == 200 and "showing this year" in bad.content.decode()


def test_removing_things_stays_inside_the_plan(world, login, group):
    meeting = Meeting.objects.create(
        group=group,
        starts_at=datetime.datetime(2025, 6, 1, 18, tzinfo=OSLO),
        ends_at=datetime.datetime(2025, 6, 1, 20, tzinfo=OSLO),
    )
    other_plan_group = Group.objects.create(name="Annen gruppe")
    other_plan_group.plans.add(world["public_plan"])
    foreign = Meeting.objects.create(
        group=other_plan_group, starts_at=meeting.starts_at, ends_at=meeting.ends_at
    )
    client = login(world["coordinator"])
    slug = world["plan"].slug
    assert (
        client.post(reverse("cooperation:remove", args=[slug, "meeting", foreign.pk])).status_code
        == 404
    )
    assert (
        client.post(reverse("cooperation:remove", args=[slug, "nonsense", meeting.pk])).status_code
        == 404
    )
    assert (
        login(world["viewer"])
        .post(reverse("cooperation:remove", args=[slug, "meeting", meeting.pk]))
        .status_code
        == 403
    )
    client = login(world["coordinator"])  # the one test client was the viewer's just now
    response = client.post(reverse("cooperation:remove", args=[slug, "meeting", meeting.pk]))
    assert response.status_code == 302 and not Meeting.objects.filter(pk=meeting.pk).exists()
    assert Meeting.objects.filter(pk=foreign.pk).exists()


def _expand(calendar, summary):
    """The starts of a group's meetings as a calendar sees them: the series expanded,
    less its EXDATEs, with RECURRENCE-ID overrides in place of the dates they replace."""
    from dateutil.rrule import rrulestr

    events = [e for e in calendar.walk("VEVENT") if str(e["summary"]) == summary]
    series = [e for e in events if e.get("rrule")]
    assert len(series) == 1
    master = series[0]
    start = master.decoded("dtstart")
    rule = master["rrule"].to_ical().decode()
    dates = set(rrulestr(rule, dtstart=start))
    exdates = master.get("exdate") or []
    for entry in exdates if isinstance(exdates, list) else [exdates]:
        dates -= {d.dt for d in entry.dts}
    for override in events:
        if override.get("recurrence-id"):
            assert override["uid"] == master["uid"]
            dates.discard(override.decoded("recurrence-id"))
            dates.add(override.decoded("dtstart"))
    singles = [
        e.decoded("dtstart") for e in events if not e.get("rrule") and not e.get("recurrence-id")
    ]
    return {d.astimezone(datetime.UTC) for d in dates | set(singles)}


def test_group_feed_is_one_series_with_moved_and_cancelled_meetings(world, group):
    world["plan"].period_end = datetime.date(2025, 8, 31)
    world["plan"].save()
    meetings = feeds.plan_meetings(group, now=datetime.datetime(2025, 3, 1, tzinfo=OSLO))
    moved, cancelled = meetings[2], meetings[4]
    moved.starts_at += datetime.timedelta(hours=1)
    moved.ends_at += datetime.timedelta(hours=1)
    moved.save()
    cancelled.state = "cancelled"
    cancelled.save()
    extra = Meeting.objects.create(
        group=group,
        starts_at=datetime.datetime(2025, 4, 1, 12, tzinfo=OSLO),
        ends_at=datetime.datetime(2025, 4, 1, 13, tzinfo=OSLO),
    )
    calendar = Calendar.from_ical(feeds.group_feed(group))
    master = next(e for e in calendar.walk("VEVENT") if e.get("rrule"))
    assert master["rrule"]["FREQ"] == ["WEEKLY"] and master["rrule"]["INTERVAL"] == [2]
    overrides = [e for e in calendar.walk("VEVENT") if e.get("recurrence-id")]
    assert [e.decoded("recurrence-id") for e in overrides] == [moved.occurrence]
    expected = {m.starts_at for m in Meeting.objects.filter(group=group).exclude(state="cancelled")}
    assert _expand(calendar, group.name) == {d.astimezone(datetime.UTC) for d in expected}
    assert extra.starts_at in _expand(calendar, group.name)


def test_monthly_meetings_stay_on_the_first_meetings_weekday(world, group):
    group.recurrence = "FREQ=MONTHLY;INTERVAL=3"
    group.first_meeting = datetime.datetime(2021, 3, 9, 9, tzinfo=OSLO)  # the 2nd Tuesday
    group.save()
    meetings = feeds.plan_meetings(group, now=datetime.datetime(2024, 1, 1, tzinfo=OSLO))
    assert meetings and {m.starts_at.astimezone(OSLO).weekday() for m in meetings} == {1}
    assert all(8 <= m.starts_at.astimezone(OSLO).day <= 14 for m in meetings)
    assert group.rule_in_words() == "Every 3 months, on the second Tuesday"


@pytest.mark.parametrize(
    "rule, language, words",
    [
        ("FREQ=MONTHLY;BYDAY=1TU", "en", "Monthly, on the first Tuesday"),
        ("FREQ=MONTHLY;BYDAY=1TU", "nb", "Månedlig, første tirsdag"),
        (
            "FREQ=YEARLY;BYMONTH=3,9;BYDAY=-1TH",
            "sv",
            "Årligen i mars och september, sista torsdagen",
        ),
        ("FREQ=WEEKLY;INTERVAL=2", "nn", "Kvar 2. veke"),
        ("FREQ=DAILY;INTERVAL=3", "en", "Every 3 days"),
        ("FREQ=YEARLY", "en", "Yearly"),
        ("FREQ=HOURLY", "en", "FREQ=HOURLY"),
        ("INTERVAL=2", "en", "INTERVAL=2"),
        ("FREQ=MONTHLY;BYSETPOS=2;BYDAY=TU", "en", "FREQ=MONTHLY;BYSETPOS=2;BYDAY=TU"),
    ],
)
def test_group_page_shows_the_rule_in_words(world, login, group, rule, language, words):
    from django.utils import translation

    from cooperation.cadence import describe

    with translation.override(language):
        assert describe(rule) == words
    page = login(world["viewer"]).get(
        reverse("cooperation:group", args=[world["plan"].slug, group.pk])
    )
    assert "FREQ=" not in page.content.decode() and "Every 2 weeks" in page.content.decode()


def test_past_meetings_are_held_or_not_recorded(world, login, group):
    def meeting(days, **extra):
        starts = datetime.datetime.now(OSLO) + datetime.timedelta(days=days)
        return Meeting.objects.create(
            group=group, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1), **extra
        )

    held = meeting(-20, minutes="Gjennomgang av tiltakene.")
    silent = meeting(-10)
    coming = meeting(10)
    assert (held.shown_state(), silent.shown_state(), coming.shown_state()) == (
        "Held",
        "Not recorded",
        "Planned",
    )
    page = login(world["viewer"]).get(
        reverse("cooperation:group", args=[world["plan"].slug, group.pk])
    )
    text = page.content.decode()
    assert (
        text.count("Held") == 1 and text.count("Not recorded") == 1 and text.count("Planned") == 1
    )


def test_agenda_counts_changes_since_the_group_last_met(world, login, group):
    """Meetings only planned (never held) do not narrow "changed since the last meeting":
    with monthly meetings and quarterly status, they left nothing to add (Rana)."""

    def meeting(year, month, **extra):
        starts = datetime.datetime(year, month, 12, 12, tzinfo=OSLO)
        return Meeting.objects.create(
            group=group, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1), **extra
        )

    meeting(2024, 12, minutes="Referat")
    meeting(2025, 1)  # planned, never held
    add_update(world["police_measure"], "2025-01-01", State.ONGOING)
    latest = meeting(2025, 2)
    login(world["coordinator"]).post(
        reverse("cooperation:agenda_pull", args=[world["plan"].slug, latest.pk])
    )
    assert [i.measure for i in latest.agenda.all()] == [world["police_measure"]]


def test_wheel_opens_on_this_year(world, login):
    from django.utils import timezone

    world["plan"].period_start = datetime.date(2021, 1, 1)
    world["plan"].period_end = datetime.date(2024, 12, 31)
    world["plan"].save()
    response = login(world["viewer"]).get(reverse("cooperation:wheel", args=[world["plan"].slug]))
    assert response.context["year"] == timezone.localdate().year


def test_several_obligations_are_marked_done_at_once(world, login, group):
    from reports.models import Report

    duty = ReportingDuty.objects.create(
        plan=world["plan"],
        title="Halvårsrapport",
        recurrence="FREQ=MONTHLY;INTERVAL=6",
        starts=datetime.date(2022, 6, 30),
        ends=datetime.date(2024, 12, 31),
    )
    make_obligations(duty)
    report = Report.objects.create(plan=world["plan"], as_of=datetime.date(2024, 6, 1))
    client = login(world["coordinator"])
    page = client.get(reverse("cooperation:structure", args=[world["plan"].slug]))
    assert page.content.decode().count('type="checkbox" name="obligation"') == 6
    first, second, *rest = duty.obligations.all()
    client.post(
        reverse("cooperation:obligations_done", args=[world["plan"].slug]),
        {"obligation": [first.pk, second.pk, "x", "9" * 20], f"report-{second.pk}": report.pk},
    )
    states = [obligation_state(o) for o in duty.obligations.all()]
    assert states == ["done", "done", "overdue", "overdue", "overdue", "overdue"]
    assert duty.obligations.get(pk=second.pk).report == report
    # An outsider's post changes nothing.
    outsider = login(world["outsider"]).post(
        reverse("cooperation:obligations_done", args=[world["plan"].slug]),
        {"obligation": [o.pk for o in rest]},
    )
    assert outsider.status_code == 404
