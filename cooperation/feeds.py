"""iCalendar (RFC 5545) feeds of a plan, a group or a contact, and single meetings.

Times are local to the plan's first owner (Europe/Oslo or Europe/Stockholm), with the
time zone written into the file so that Outlook and Google Calendar place them right.
"""

import datetime
import hashlib
import secrets
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.conf import settings
from icalendar import Calendar, Event, vRecur

from cooperation.models import AnnualEntry, FeedToken, Group, Meeting
from samordna.cleaning import date_problem


def plan_time_zone(plan):
    owner = plan.ownerships.select_related("organisation").first()
    return ZoneInfo(owner.organisation.time_zone if owner else settings.TIME_ZONE)


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", "-//Samordna//samordna//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _add(calendar, event):
    """Add an event; None stands for one that was left out."""
    if event is not None:
        calendar.add_component(event)


def _meeting_event(meeting, zone):
    if date_problem(meeting.starts_at) or date_problem(meeting.ends_at):
        return None  # stored before dates were checked; one bad row must not break the feed
    event = Event()
    event.add("uid", meeting.uid)
    event.add("summary", meeting.group.name)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    if meeting.location:
        event.add("location", meeting.location)
    agenda = [item.title for item in meeting.agenda.all()]
    if agenda:
        event.add("description", "\n".join(f"{i}. {t}" for i, t in enumerate(agenda, 1)))
    if meeting.state == "cancelled":
        event.add("status", "CANCELLED")
    return event


def _group_series(group, zone, until=None):
    """A group's rule as one recurring event; `until` (a date) ends the series."""
    if not (group.recurrence and group.first_meeting):
        return None
    event = Event()
    event.add("uid", f"group-{group.pk}-series@samordna")
    event.add("summary", group.name)
    start = group.first_meeting.astimezone(zone)
    event.add("dtstart", start)
    event.add("dtend", start + datetime.timedelta(minutes=group.meeting_minutes))
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    rule = vRecur.from_ical(group.meeting_rule)
    if until and "UNTIL" not in rule and "COUNT" not in rule:
        end = datetime.datetime.combine(until, datetime.time(23, 59, 59), tzinfo=zone)
        rule["UNTIL"] = [end.astimezone(datetime.UTC)]
    event.add("rrule", rule)
    if group.location:
        event.add("location", group.location)
    return event


def _slot(meeting, group, zone, rule):
    """The occurrence of the group's rule a meeting stands for, or None for an extra one."""
    if meeting.occurrence:
        return meeting.occurrence.astimezone(zone)
    local = meeting.starts_at.astimezone(zone).replace(tzinfo=None)
    first = group.first_meeting.astimezone(zone).replace(tzinfo=None)
    if local < first:
        return None
    # A meeting on the rule's day (at whatever time) is that day's meeting, moved.
    day_start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    found = rrulestr(rule, dtstart=first).between(
        day_start, day_start + datetime.timedelta(days=1), inc=False
    )
    return found[0].replace(tzinfo=zone) if found else None


def _add_group_series(calendar, group, meetings, zone, until):
    """The rule as one VEVENT with RRULE; cancelled meetings as EXDATE, changed ones as
    overrides with RECURRENCE-ID, meetings off the rule as events of their own."""
    series = _group_series(group, zone, until)
    calendar.add_component(series)
    minutes = datetime.timedelta(minutes=group.meeting_minutes)
    rule = group.meeting_rule
    for meeting in meetings:
        slot = _slot(meeting, group, zone, rule)
        if slot is None:
            _add(calendar, _meeting_event(meeting, zone))
        elif meeting.state == "cancelled":
            series.add("exdate", slot)
        elif (
            meeting.starts_at != slot
            or meeting.ends_at - meeting.starts_at != minutes
            or meeting.location != group.location
            or meeting.agenda.all()
        ):
            override = _meeting_event(meeting, zone)
            if override is None:
                continue
            override["uid"] = series["uid"]
            override.add("recurrence-id", slot)
            calendar.add_component(override)


def _entry_event(entry):
    if date_problem(entry.starts):
        return None  # stored before dates were checked; one bad row must not break the feed
    event = Event()
    event.add("uid", f"entry-{entry.pk}@samordna")
    event.add("summary", entry.title)
    event.add("dtstart", entry.starts)  # a whole day
    event.add("dtend", entry.starts + datetime.timedelta(days=entry.days))
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("categories", [entry.kind])
    if entry.recurrence:
        event.add("rrule", vRecur.from_ical(entry.recurrence))
    if entry.description:
        event.add("description", entry.description)
    return event


def _day_event(uid, title, day, category):
    if date_problem(day):
        return None
    event = Event()
    event.add("uid", uid)
    event.add("summary", title)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("categories", [category])
    return event


def _add_groups(calendar, groups, zone):
    for group in groups:
        meetings = list(group.meetings.prefetch_related("agenda").select_related("group"))
        if group.recurrence and group.first_meeting and not date_problem(group.first_meeting):
            ends = [p.period_end for p in group.plans.all() if p.period_end]
            _add_group_series(calendar, group, meetings, zone, max(ends) if ends else None)
        else:
            for meeting in meetings:
                _add(calendar, _meeting_event(meeting, zone))


def plan_feed(plan):
    from django.utils.translation import gettext as _

    zone = plan_time_zone(plan)
    calendar = _calendar(plan.title)
    _add_groups(calendar, Group.objects.filter(plans=plan), zone)
    for entry in AnnualEntry.objects.filter(plan=plan):
        _add(calendar, _entry_event(entry))
    for status_round in plan.rounds.all():
        _add(
            calendar,
            _day_event(
                f"round-{status_round.pk}-deadline@samordna",
                _("Status round: answers due") + f" – {plan.title}",
                status_round.deadline,
                "deadline",
            ),
        )
    from cooperation.models import Obligation

    for obligation in Obligation.objects.filter(duty__plan=plan).select_related("duty"):
        _add(
            calendar,
            _day_event(
                f"obligation-{obligation.pk}@samordna",
                obligation.duty.title,
                obligation.due,
                "deadline",
            ),
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()


def group_feed(group):
    plan = group.plans.first()
    zone = plan_time_zone(plan) if plan else ZoneInfo(settings.TIME_ZONE)
    calendar = _calendar(group.name)
    _add_groups(calendar, [group], zone)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def contact_feed(contact, maker=None):
    """A contact's meetings and round deadlines, in the plans the feed's maker may edit."""
    from django.utils.translation import gettext as _

    from plans.access import can_edit

    calendar = _calendar(contact.name)
    zone = ZoneInfo(contact.organisation.time_zone)
    groups = Group.objects.filter(members__contact=contact).distinct().prefetch_related("plans")
    if maker is not None:
        groups = [g for g in groups if any(can_edit(maker, p) for p in g.plans.all())]
    _add_groups(calendar, groups, zone)
    requests = contact.requests.select_related("round__plan").filter(revoked_at__isnull=True)
    for request in requests:
        if maker is not None and not can_edit(maker, request.round.plan):
            continue
        status_round = request.round
        _add(
            calendar,
            _day_event(
                f"round-{status_round.pk}-deadline-{contact.pk}@samordna",
                _("Status round: answers due") + f" – {status_round.plan.title}",
                status_round.deadline,
                "deadline",
            ),
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()


def meeting_ics(meeting):
    plan = meeting.group.plans.first()
    zone = plan_time_zone(plan) if plan else ZoneInfo(settings.TIME_ZONE)
    calendar = _calendar(meeting.group.name)
    calendar.add("method", "PUBLISH")
    _add(calendar, _meeting_event(meeting, zone))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def new_feed(user, plan=None, group=None, contact=None):
    """A new secret feed address; returns the token (only its hash is stored)."""
    token = secrets.token_urlsafe(24)
    FeedToken.objects.create(
        token_hash=token_hash(token), plan=plan, group=group, contact=contact, created_by=user
    )
    return token


def feed_for_token(token):
    feed = FeedToken.objects.filter(token_hash=token_hash(token), revoked_at__isnull=True).first()
    if feed is None:
        return None
    if feed.plan_id:
        return plan_feed(feed.plan)
    if feed.group_id:
        return group_feed(feed.group)
    return contact_feed(feed.contact, maker=feed.created_by)


def plan_meetings(group, count_months=12, now=None):
    """Create the group's meetings for the coming months from its cadence; returns them."""
    from django.utils import timezone

    from cooperation.cadence import occurrences

    if not (group.recurrence and group.first_meeting):
        return []
    plan = group.plans.first()
    zone = plan_time_zone(plan) if plan else ZoneInfo(settings.TIME_ZONE)
    now = now or timezone.now()
    # Recurrence runs in local wall-clock time: 18:00 stays 18:00 across summer time.
    local_start = group.first_meeting.astimezone(zone).replace(tzinfo=None)
    local_now = now.astimezone(zone).replace(tzinfo=None)
    until = local_now + datetime.timedelta(days=31 * count_months)
    if plan and plan.period_end:  # no meetings after the plan has ended
        until = min(until, datetime.datetime.combine(plan.period_end, datetime.time(23, 59)))
    existing = set(group.meetings.values_list("starts_at", flat=True))
    created = []
    rule = group.meeting_rule
    for local in occurrences(rule, local_start, max(local_start, local_now), until):
        starts = local.replace(tzinfo=zone)
        if starts in existing:
            continue
        created.append(
            Meeting.objects.create(
                group=group,
                occurrence=starts,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(minutes=group.meeting_minutes),
                location=group.location,
            )
        )
    return created
