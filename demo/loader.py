"""Loading the demo: the seed plans, demo users with roles, and a believable status history.

The history is generated, marked `generated`, and never contradicts a real status from
the seeds: generated updates avoid the dates the seeds give status for, and move through
the states in an order that leads up to the real status and on from it.
"""

import datetime
import json
import random
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Role
from followup.models import Source, State, StatusUpdate
from interchange.load import load_plan, organisation_named
from plans.invitations import invite_participants
from plans.models import Contact, Measure, Plan, Responsibility

PLAN_DIR = Path(__file__).resolve().parent / "plans"
INDICATORS = Path(__file__).resolve().parent / "indicators.json"

# (file, slug, published); a child plan comes after its parent.
DEMO_PLANS = [
    ("mosseregionen.json", "mosseregionen", True),
    ("rana-slt.json", "rana-slt", True),
    ("jamtland-overenskommelse.json", "jamtland-overenskommelse", False),
    ("jamtland-2021.json", "jamtland-2021", False),
    ("vastmanland-strategi.json", "vastmanland-strategi", True),
    ("vastmanland-handlingsplan-2017.json", "vastmanland-handlingsplan-2017", True),
]

PASSWORD = "samordna-demo"
# username, full name, is administrator, [(organisation, role)]
DEMO_USERS = [
    ("admin", "Ada Administrator", True, []),
    (
        "koordinator",
        "Kari Koordinator",
        False,
        [
            ("Moss kommune", Role.COORDINATOR),
            ("Rana kommune", Role.COORDINATOR),
            ("Länsstyrelsen Jämtlands län", Role.COORDINATOR),
            ("Länsstyrelsen i Västmanlands län", Role.COORDINATOR),
        ],
    ),
    ("bidragsyter", "Bjørn Bidragsyter", False, [("Polisen i Jämtlands län", Role.CONTRIBUTOR)]),
    ("leser", "Lise Leser", False, [("Länsstyrelsen Jämtlands län", Role.VIEWER)]),
]

PROGRESS = {State.NOT_STARTED: 0, State.ONGOING: 1, State.DONE: 2}

TEXTS = {
    "nb": {
        State.NOT_STARTED: ("", "Arbeidet er ikke startet."),
        State.ONGOING: ("Arbeidet er i gang.", "Ferdigstilling og evaluering gjenstår."),
        State.DONE: ("Gjennomført som planlagt.", ""),
        State.UNCLEAR: ("", "Status er etterspurt hos ansvarlig."),
        State.DISCONTINUED: ("Tiltaket utgår.", ""),
    },
    "sv": {
        State.NOT_STARTED: ("", "Arbetet har inte påbörjats."),
        State.ONGOING: ("Arbetet pågår.", "Slutförande och uppföljning återstår."),
        State.DONE: ("Genomfört enligt plan.", ""),
        State.UNCLEAR: ("", "Information har efterfrågats från ansvarig."),
        State.DISCONTINUED: ("Insatsen utgår.", ""),
    },
}


def read_demo_plan(filename):
    with open(PLAN_DIR / filename, encoding="utf-8") as handle:
        return json.load(handle)


def checkpoints(start, end):
    """Follow-up dates at the start of each quarter between start and end."""
    dates, year, month = [], start.year, ((start.month - 1) // 3) * 3 + 1
    while True:
        day = datetime.date(year, month, 1)
        if day > end:
            return dates
        if day > start:
            dates.append(day)
        month += 3
        if month > 12:
            year, month = year + 1, 1


def window(plan, real_dates, today):
    """The stretch of time a plan's generated history spans."""
    start, end = plan.period_start, plan.period_end
    if real_dates:
        first, last = min(real_dates), max(real_dates)
        start = start or first.replace(year=first.year - 2)
        end = end or last.replace(year=last.year + 2)
    if end and not start:
        start = end - datetime.timedelta(days=365)
    if start and not end:
        end = today
    if not start:
        start, end = datetime.date(today.year - 2, 1, 1), today
    return start, min(end, today)


def states_before(real, rng, count):
    """A non-decreasing path of states that leads up to (not past) the real state."""
    ceiling = {State.DONE: 1, State.ONGOING: 1, State.NOT_STARTED: 0}.get(real, 1)
    path, level = [], 0
    for _ in range(count):
        level = min(ceiling, level + (1 if rng.random() < 0.5 else 0))
        path.append(State.NOT_STARTED if level == 0 else State.ONGOING)
    return path


def states_after(real, rng, count):
    """A path of states that goes on from the real state, never backwards."""
    if real in (State.DONE, State.DISCONTINUED):
        return []
    level = PROGRESS.get(real, 0)
    path = []
    for _ in range(count):
        if level < 2 and rng.random() < 0.55:
            level += 1
        path.append([State.NOT_STARTED, State.ONGOING, State.DONE][level])
        if level == 2:
            break
    return path


def free_path(rng, count):
    """A history for a measure with no real status: from not started towards done."""
    path, level = [], 0
    for i in range(count):
        if i and level < 2 and rng.random() < 0.45:
            level += 1
        path.append([State.NOT_STARTED, State.ONGOING, State.DONE][level])
    roll = rng.random()
    if roll < 0.06:
        path[-1] = State.DISCONTINUED
    elif roll < 0.16:
        path[-1] = State.UNCLEAR
    return path


def generated_history(plan, measures, today):
    """Status updates (unsaved) for the measures, marked generated."""
    real = {}
    for update in StatusUpdate.objects.filter(measure__plan=plan):
        real.setdefault(update.measure_id, []).append(update)
    real_dates = sorted({u.as_of for updates in real.values() for u in updates})
    start, end = window(plan, real_dates, today)
    dates = [d for d in checkpoints(start, end) if d not in real_dates]
    texts = TEXTS["sv" if plan.language == "sv" else "nb"]
    rows = []
    for measure in measures:
        rng = random.Random(f"{plan.slug}:{measure.position}:{measure.title}")
        updates = real.get(measure.pk)
        if updates:
            seed = updates[-1]
            before = [d for d in dates if d < seed.as_of]
            after = [d for d in dates if d > seed.as_of]
            before = sorted(rng.sample(before, min(len(before), rng.randint(2, 3))))
            after = sorted(rng.sample(after, min(len(after), rng.randint(1, 3))))
            plan_states = list(
                zip(before, states_before(seed.state, rng, len(before)), strict=True)
            )
            after_states = states_after(seed.state, rng, len(after))
            plan_states += list(zip(after[: len(after_states)], after_states, strict=True))
        else:
            picked = sorted(rng.sample(dates, min(len(dates), rng.randint(3, 5))))
            plan_states = list(zip(picked, free_path(rng, len(picked)), strict=True))
        rows += [invented_update(measure, as_of, state, texts) for as_of, state in plan_states]
    return rows


def invented_update(measure, as_of, state, texts):
    """An unsaved status update marked generated, with `texts[state]` as (done, remaining).

    Invented in bulk, outside record_status on purpose: thousands of rows at a time.
    """
    done, remaining = texts[state]
    return StatusUpdate(
        measure=measure,
        as_of=as_of,
        state=state,
        done=done,
        remaining=remaining,
        author_name="Demo",
        generated=True,
        source=Source.DEMO,
    )


def create_users(stdout=None):
    User = get_user_model()
    for username, full_name, is_admin, roles in DEMO_USERS:
        first, last = full_name.split(" ", 1)
        user = User.objects.create_user(
            username,
            email=f"{username}@example.org",
            password=PASSWORD,
            first_name=first,
            last_name=last,
            is_superuser=is_admin,
            is_staff=is_admin,
        )
        for organisation_name, role in roles:
            organisation = organisation_named(organisation_name, "nb")
            Membership.objects.create(user=user, organisation=organisation, role=role)
            if role == Role.CONTRIBUTOR:
                contact = Contact.objects.create(
                    name=full_name,
                    email=user.email,
                    organisation=organisation,
                    user=user,
                )
                named = Responsibility.objects.filter(name=organisation_name)
                named.update(organisation=organisation, contact=contact)
                # The demo stands in for that organisation's coordinator accepting.
                for plan in Plan.objects.filter(measures__responsibilities__in=named).distinct():
                    invite_participants(plan, [organisation], None)


def add_structure(today):
    """The dates that carry the demo plans, as their documents describe them.

    The documents give cadences and yearly activities but not dates; the first meeting
    times here are demo values.
    """
    from zoneinfo import ZoneInfo

    from cooperation.duties import make_obligations
    from cooperation.feeds import plan_meetings
    from cooperation.models import AnnualEntry, Group, ReportingDuty

    oslo = ZoneInfo("Europe/Oslo")
    rana = Plan.objects.get(slug="rana-slt")
    first_meetings = {
        "Politirådet": datetime.datetime(2021, 3, 9, 9, 0, tzinfo=oslo),
        "Koordineringsgruppen": datetime.datetime(2021, 1, 12, 13, 0, tzinfo=oslo),
        "Utførergruppen": datetime.datetime(2021, 1, 14, 10, 0, tzinfo=oslo),
    }
    for group in Group.objects.filter(plans=rana):
        group.first_meeting = first_meetings.get(group.name)
        group.location = "Rådhuset, Mo i Rana"
        group.save()
        # The plan's last year, so that its wheel and feeds show a year of meetings.
        plan_meetings(group, count_months=12, now=datetime.datetime(2024, 1, 1, tzinfo=oslo))
    politiraad = Group.objects.get(plans=rana, name="Politirådet")
    for title, rule, starts in [
        (
            "Halvårsrapport fra koordineringsgruppen til politirådet",
            "FREQ=MONTHLY;INTERVAL=6",
            datetime.date(2021, 6, 30),
        ),
        ("Årlig evaluering av SLT-handlingsplanen", "FREQ=YEARLY", datetime.date(2021, 12, 15)),
    ]:
        duty = ReportingDuty.objects.create(
            plan=rana,
            title=title,
            to_group=politiraad,
            recurrence=rule,
            starts=starts,
            ends=rana.period_end,
        )
        make_obligations(duty)
    strategy = Plan.objects.get(slug="vastmanland-strategi")
    # (plan, kind, title, first date, rule, days, description, group) from the documents' words.
    entries = [
        (
            "jamtland-2021",
            "activity",
            "Gemensam utbildningsdag",
            datetime.date(2021, 3, 25),
            "FREQ=YEARLY;BYMONTH=3;BYDAY=-1TH",
            1,
            "Myndigheternas gemensamma utbildningsdag i slutet av mars.",
            None,
        ),
        (
            "jamtland-2021",
            "activity",
            "Uppmärksamhetsvecka mot våld (vecka 47)",
            datetime.date(2021, 11, 22),
            "FREQ=YEARLY;BYWEEKNO=47;BYDAY=MO",
            5,
            "",
            None,
        ),
        (
            "jamtland-2021",
            "deadline",
            "Årlig uppföljning av handlingsplanen",
            datetime.date(2022, 1, 31),
            "FREQ=YEARLY",
            1,
            "",
            None,
        ),
        (
            "jamtland-2021",
            "deadline",
            "Ny handlingsplan för nästa år",
            datetime.date(2021, 12, 15),
            "FREQ=YEARLY",
            1,
            "",
            None,
        ),
        (
            "vastmanland-strategi",
            "deadline",
            "Styrgruppen beslutar årets handlingsplan",
            datetime.date(2017, 12, 15),
            "FREQ=YEARLY;UNTIL=20201231",
            1,
            "",
            Group.objects.filter(plans=strategy, name="Styrgrupp").first(),
        ),
    ]
    for slug, kind, title, starts, rule, days, description, group in entries:
        AnnualEntry.objects.create(
            plan=Plan.objects.get(slug=slug),
            kind=kind,
            title=title,
            starts=starts,
            recurrence=rule,
            days=days,
            description=description,
            group=group,
        )


@transaction.atomic
def load_demo(history=True, today=None):
    """Load every demo plan, the demo users and (optionally) a generated history."""
    today = today or timezone.localdate()
    plans = []
    for filename, slug, published in DEMO_PLANS:
        plans.append(load_plan(read_demo_plan(filename), slug=slug, published=published))
    create_users()
    add_structure(today)
    add_indicators()
    if history:
        for plan in plans:
            measures = list(Measure.objects.filter(plan=plan))
            StatusUpdate.objects.bulk_create(generated_history(plan, measures, today))
    return plans


def add_indicators():
    """The figures the plans themselves give (e.g. Rana's survey shares), as indicators."""
    from indicators.models import Indicator, IndicatorValue

    for slug, entries in json.loads(INDICATORS.read_text(encoding="utf-8")).items():
        if slug.startswith("_"):
            continue
        plan = Plan.objects.get(slug=slug)
        for position, entry in enumerate(entries, start=1):
            reference = entry.get("reference") or {}
            indicator = Indicator.objects.create(
                plan=plan,
                position=position,
                name=entry["name"],
                unit=entry.get("unit", ""),
                source=entry.get("source", ""),
                description=reference.get("note", ""),
                direction=entry.get("direction", ""),
                area=plan.areas.filter(title=entry.get("area", "")).first(),
                baseline_year=entry["baseline"]["year"],
                baseline_value=entry["baseline"]["value"],
                reference_value=reference.get("value"),
                reference_label=reference.get("label", ""),
            )
            IndicatorValue.objects.bulk_create(
                IndicatorValue(
                    indicator=indicator,
                    year=value["year"],
                    value=value["value"],
                    place=value.get("place", ""),
                    note=value.get("note", ""),
                )
                for value in entry["values"]
            )


def demo_is_loaded():
    return Plan.objects.exists()
