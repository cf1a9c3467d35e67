"""Reporting obligations: dated occurrences of a duty, and whether each is due, done or overdue."""

import datetime

from django.utils import timezone

from cooperation.cadence import occurrences
from cooperation.models import Obligation


def make_obligations(duty, horizon_years=4):
    """Create the duty's dated obligations up to its end (or a few years ahead)."""
    start = datetime.datetime.combine(duty.starts, datetime.time())
    end = duty.ends or duty.starts.replace(year=duty.starts.year + horizon_years)
    for day in occurrences(
        duty.recurrence, start, start, datetime.datetime.combine(end, datetime.time())
    ):
        Obligation.objects.get_or_create(duty=duty, due=day.date())


def obligation_state(obligation, today=None):
    today = today or timezone.localdate()
    if obligation.done_at or obligation.report_id or obligation.meeting_id:
        return "done"
    return "overdue" if obligation.due < today else "due"
