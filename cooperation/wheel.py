"""The annual wheel: every dated thing of a plan in a year, and its circular SVG picture."""

import datetime
import math
from dataclasses import dataclass
from html import escape

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation.cadence import occurrences
from cooperation.models import AnnualEntry, Group, Meeting, Obligation


@dataclass
class WheelEvent:
    date: datetime.date
    title: str
    kind: str  # meeting, deadline, activity, round, obligation
    url: str = ""


KIND_COLOURS = {
    "meeting": "#1f4f8a",
    "deadline": "#c62828",
    "activity": "#2e7d32",
    "round": "#b58900",
    "obligation": "#6a1b9a",
}


def kind_labels():
    return {
        "meeting": _("Meeting"),
        "deadline": _("Deadline"),
        "activity": _("Activity"),
        "round": _("Status round"),
        "obligation": _("Reporting obligation"),
    }


def events_in_year(plan, year):
    """Everything on the plan's wheel in a year, in date order."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    events = []
    groups = list(Group.objects.filter(plans=plan))
    held = {}
    for meeting in Meeting.objects.filter(group__in=groups, starts_at__year=year).select_related(
        "group"
    ):
        held.setdefault(meeting.group_id, []).append(meeting)
        events.append(
            WheelEvent(
                timezone.localdate(meeting.starts_at),
                meeting.group.name,
                "meeting",
                meeting_url(plan, meeting),
            )
        )
    for group in groups:
        # A group's cadence fills the wheel where no meetings are planned yet.
        if group.pk in held or not group.recurrence:
            continue
        start = (group.first_meeting.date() if group.first_meeting else plan.period_start) or first
        for day in occurrences(
            group.meeting_rule, _as_datetime(start), _as_datetime(first), _as_datetime(last)
        ):
            events.append(WheelEvent(day.date(), group.name, "meeting"))
    for entry in AnnualEntry.objects.filter(plan=plan):
        for day in occurrences(
            entry.recurrence, _as_datetime(entry.starts), _as_datetime(first), _as_datetime(last)
        ):
            events.append(WheelEvent(day.date(), entry.title, entry.kind))
    for status_round in plan.rounds.filter(deadline__year=year):
        events.append(WheelEvent(status_round.deadline, _("Status round: answers due"), "round"))
    for status_round in plan.rounds.filter(as_of__year=year):
        events.append(WheelEvent(status_round.as_of, _("Status round: status date"), "round"))
    for obligation in Obligation.objects.filter(duty__plan=plan, due__year=year).select_related(
        "duty"
    ):
        events.append(WheelEvent(obligation.due, obligation.duty.title, "obligation"))
    events.sort(key=lambda e: (e.date, e.kind, e.title))
    return events


def _as_datetime(day):
    return datetime.datetime(day.year, day.month, day.day)


def meeting_url(plan, meeting):
    from django.urls import reverse

    return reverse("cooperation:meeting", args=[plan.slug, meeting.pk])


def by_month(events):
    months = {m: [] for m in range(1, 13)}
    for event in events:
        months[event.date.month].append(event)
    return months


def wheel_svg(plan, year, events, size=640):
    """A circle of twelve months; each event a dot on its date, coloured by kind."""
    centre, outer, inner = size / 2, size / 2 - 20, size / 2 - 150
    labels = kind_labels()
    # Translated outside the f-strings below, so that makemessages finds them.
    title = _("Annual wheel %(year)s: %(plan)s") % {"year": year, "plan": plan.title}
    count = ngettext("%(count)s date", "%(count)s dates", len(events)) % {"count": len(events)}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="wheel" role="img" viewBox="0 0 {size} {size}" '
        f'width="{size}" height="{size}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(describe(events))}</desc>",
    ]
    days_in_year = (datetime.date(year, 12, 31) - datetime.date(year, 1, 1)).days + 1
    for month in range(12):
        start = (datetime.date(year, month + 1, 1) - datetime.date(year, 1, 1)).days / days_in_year
        end_day = datetime.date(year + (month == 11), (month + 1) % 12 + 1, 1)
        end = (end_day - datetime.date(year, 1, 1)).days / days_in_year
        fill = "#f3f6fa" if month % 2 == 0 else "#e6ecf3"
        out.append(
            f'<path d="{_sector(centre, inner, outer, start, end)}" fill="{fill}" stroke="#8a94a0"/>'
        )
        middle = (start + end) / 2
        x, y = _point(centre, (inner + outer) / 2 + 48, middle)
        name = formats.date_format(datetime.date(year, month + 1, 1), "F")
        out.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" font-weight="bold">{escape(name[:3])}</text>'
        )
    # Events on rings by kind, so that they do not hide each other.
    rings = {"meeting": 0, "round": 1, "obligation": 2, "deadline": 3, "activity": 4}
    for event in events:
        fraction = ((event.date - datetime.date(year, 1, 1)).days + 0.5) / days_in_year
        radius = inner + 14 + rings[event.kind] * 17
        x, y = _point(centre, radius, fraction)
        title = escape(f"{formats.date_format(event.date, 'SHORT_DATE_FORMAT')}: {event.title}")
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{KIND_COLOURS[event.kind]}" stroke="#fff" stroke-width="1.5"><title>{title}</title></circle>'
        )
    out.append(
        f'<text x="{centre}" y="{centre - 6}" text-anchor="middle" font-size="28" font-weight="bold">{year}</text>'
    )
    out.append(
        f'<text x="{centre}" y="{centre + 18}" text-anchor="middle" font-size="12">{escape(count)}</text>'
    )
    # Legend in the middle.
    for i, (kind, label) in enumerate(labels.items()):
        y = centre + 44 + i * 17
        out.append(
            f'<circle cx="{centre - 62}" cy="{y - 4}" r="5" fill="{KIND_COLOURS[kind]}"/>'
            f'<text x="{centre - 52}" y="{y}" font-size="11">{escape(str(label))}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def describe(events):
    """The wheel's dates as text: its text alternative."""
    labels = kind_labels()
    return " ".join(
        f"{formats.date_format(e.date, 'SHORT_DATE_FORMAT')}: {e.title} ({labels[e.kind]})."
        for e in events
    )


def _point(centre, radius, fraction):
    angle = 2 * math.pi * fraction - math.pi / 2  # January at the top, clockwise
    return centre + radius * math.cos(angle), centre + radius * math.sin(angle)


def _sector(centre, inner, outer, start, end):
    x1, y1 = _point(centre, outer, start)
    x2, y2 = _point(centre, outer, end)
    x3, y3 = _point(centre, inner, end)
    x4, y4 = _point(centre, inner, start)
    return (
        f"M{x1:.1f},{y1:.1f} A{outer},{outer} 0 0 1 {x2:.1f},{y2:.1f} "
        f"L{x3:.1f},{y3:.1f} A{inner},{inner} 0 0 0 {x4:.1f},{y4:.1f} Z"
    )


def occurrences_preview(group, count=6, now=None):
    """The next dates of a group's cadence, to show what the rule means."""
    from django.utils import timezone

    if not group.recurrence:
        return []
    now = (now or timezone.now()).replace(tzinfo=None)
    start = group.first_meeting.replace(tzinfo=None) if group.first_meeting else now
    return occurrences(
        group.meeting_rule, start, max(start, now), now + datetime.timedelta(days=800)
    )[:count]
