"""What every piece of input must be before Samordna stores it: dates within 1900–2200, text
without control characters. One rule set, used by every form (CleanInputMixin), the
query-string dates, the personal-link answers and the interchange schema.

Dates far outside a plan's life (0001-01-01, 9999-12-31) break date arithmetic, calendar
feeds and reports later; NUL bytes are refused by PostgreSQL. Both are typing mistakes or
attacks, never real plans, so they are refused with a message when entered.
"""

import datetime
import re

from django import forms
from django.utils.translation import gettext as _

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2200, 12, 31)
# Tab, newline and carriage return are ordinary text; every other C0 control and DEL is not,
# nor half a surrogate pair (JSON's "\ud800" escape), which no database can store.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def date_problem(value):
    """A message if the date (or datetime) lies outside 1900–2200, else None."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date) and not EARLIEST <= value <= LATEST:
        return _(
            "%(date)s is not a date Samordna can use: give a date between %(from)s and %(to)s."
        ) % {
            "date": value.isoformat(),
            "from": EARLIEST.year,
            "to": LATEST.year,
        }
    return None


def text_problem(value):
    """A message if the text holds control characters (other than tab and line breaks)."""
    if isinstance(value, str) and CONTROL.search(value):
        return _(
            "The text holds invisible control characters (such as NUL). Remove them, "
            "for example by typing the text again instead of pasting it."
        )
    return None


def input_problem(value):
    """The problem with one cleaned form value (a date, a text or a list of texts), or None."""
    if isinstance(value, list | tuple):
        return next((p for p in map(input_problem, value) if p), None)
    return date_problem(value) or text_problem(value)


def parse_query_date(raw):
    """(date, problem) for a YYYY-MM-DD string from a query or a form; (None, None) if empty."""
    raw = (raw or "").strip()
    if not raw:
        return None, None
    try:
        value = datetime.date.fromisoformat(raw)
    except ValueError:
        return None, _("“%(value)s” is not a date. Use the form YYYY-MM-DD.") % {"value": raw[:40]}
    problem = date_problem(value)
    return (None, problem) if problem else (value, None)


class CleanInputMixin:
    """Put first in a form's bases: every cleaned value is checked by `input_problem`.

    It runs right after the fields are cleaned and before the form's clean(), so a form's
    own checks (recurrences, date arithmetic) never see a date that would overflow.
    """

    def _clean_fields(self):
        super()._clean_fields()
        for name, value in list(self.cleaned_data.items()):
            problem = input_problem(value)
            if problem:
                self.add_error(name, problem)


class CleanForm(CleanInputMixin, forms.Form):
    """A plain form with Samordna's input rules."""


class CleanModelForm(CleanInputMixin, forms.ModelForm):
    """A model form with Samordna's input rules."""
