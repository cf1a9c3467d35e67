"""Template filters for report dicts, whose dates are ISO strings and states are codes."""

import datetime

from django import template

from followup.models import State
from reports import report

register = template.Library()


@register.filter
def isodate(value):
    """An ISO date string as a date, so the date filter can format it for the reader."""
    if not value:
        return None
    return datetime.date.fromisoformat(value)


@register.filter
def state_label(value):
    return State(value).label


@register.filter
def remaining_text(row):
    """A report row's Remaining with Samordna's own note in the reader's language."""
    return report.remaining_text(row)


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None
