"""The as-of computation and the one write path of the status history.

`status_as_of` is the one place that decides what a plan looked like on a date; the plan
page, reports, exports, the command line and the API all call it. `record_status` is the
one place that writes a status update: the status form, status rounds (answers, send-backs,
closing), minutes decisions, plan imports and the status spreadsheet all call it, so the
rules (append-only, a known state, a scope the measure has, no future dates from people)
hold whoever writes.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.models import Note, Source, State, StatusUpdate

# Paths where a person states what is true today; imports may carry older or planned dates.
_NO_FUTURE = {Source.FORM, Source.SHEET}


def check_status(measure, as_of, state, scope="", source=Source.FORM):
    """The problems (translated messages) with writing this status; empty when it may be written."""
    problems = []
    if state not in State.values:
        problems.append(_("“%(state)s” is not a state.") % {"state": state})
    # A round's items carry the scope they were asked for when the round was prepared;
    # the answer counts for it even if the measure's municipalities changed since.
    if scope and scope not in (measure.scopes or []) and source != Source.ROUND:
        problems.append(
            _("The measure is not answered separately for “%(scope)s”.") % {"scope": scope}
        )
    if as_of is None:
        problems.append(_("A status needs a date."))
    elif source in _NO_FUTURE and as_of > timezone.localdate():
        problems.append(_("A status can only be given for today or an earlier date."))
    return problems


def record_status(
    measure,
    as_of,
    state,
    done="",
    remaining="",
    author=None,
    *,
    scope="",
    source=Source.FORM,
    author_name=None,
    note="",
    round=None,
    answer=None,
    generated=False,
):
    """Append one status update to a measure's history and return it.

    The only writer of StatusUpdate rows: nothing is changed or deleted, a correction is a
    new row. Raises ValidationError when the state, scope or date breaks the rules. The row
    keeps who wrote it (account and name as text) and through which path (`source`).
    """
    problems = check_status(measure, as_of, state, scope, source)
    if note and note not in Note.values:
        problems.append(f"unknown note code {note!r}")
    if problems:
        raise ValidationError(problems)
    if author_name is None:
        author_name = (author.get_full_name() or author.get_username()) if author else ""
    return StatusUpdate.objects.create(
        measure=measure,
        scope=scope,
        as_of=as_of,
        state=state,
        done=done or "",
        remaining=remaining or "",
        note=note,
        source=source,
        author=author,
        author_name=author_name,
        round=round,
        answer=answer,
        generated=generated,
    )


@dataclass
class MeasureStatus:
    """A measure's status as of a date; `update` is None when nothing was written yet."""

    state: str
    update: StatusUpdate | None = None
    scopes: dict = field(default_factory=dict)  # scope name -> MeasureStatus

    @property
    def state_label(self):
        return State(self.state).label


def latest_updates(plan, as_of: date, measure_ids=None):
    """The latest update per (measure, scope) written for a date on or before `as_of`.

    Ties on one date go to the update written last. One query, whatever the history size.
    """
    updates = StatusUpdate.objects.filter(as_of__lte=as_of)
    if plan is not None:  # None: measures of several plans, named by `measure_ids`
        updates = updates.filter(measure__plan=plan)
    if measure_ids is not None:
        updates = updates.filter(measure_id__in=measure_ids)
    ranked = updates.annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("measure_id"), F("scope")],
            order_by=[F("as_of").desc(), F("created_at").desc(), F("id").desc()],
        )
    ).filter(rank=1)
    return {(u.measure_id, u.scope): u for u in ranked}


def _newer(a, b):
    if a is None or b is None:
        return a or b
    key = lambda u: (u.as_of, u.created_at, u.pk)  # noqa: E731
    return a if key(a) >= key(b) else b


def overall_state(states):
    """One state for a measure answered per municipality, from its scopes' states."""
    states = list(states)
    if not states:
        return State.UNCLEAR
    if len(set(states)) == 1:
        return states[0]
    live = [s for s in states if s != State.DISCONTINUED]
    if len(set(live)) == 1:
        return live[0]
    if State.ONGOING in live or State.DONE in live:
        return State.ONGOING
    if State.NOT_STARTED in live:
        return State.NOT_STARTED
    return State.UNCLEAR


def status_as_of(plan, as_of: date, measures):
    """Map each of `measures` (of `plan`) to its MeasureStatus as of the date."""
    latest = latest_updates(plan, as_of, [m.pk for m in measures])
    result = {}
    for measure in measures:
        if measure.scopes:
            whole = latest.get((measure.pk, ""))
            scopes = {}
            for scope in measure.scopes:
                # An update for the whole measure holds for each municipality until that
                # municipality gets a newer one of its own.
                update = _newer(latest.get((measure.pk, scope)), whole)
                scopes[scope] = MeasureStatus(update.state if update else State.UNCLEAR, update)
            state = overall_state(s.state for s in scopes.values())
            result[measure.pk] = MeasureStatus(state, whole, scopes)
        else:
            update = latest.get((measure.pk, ""))
            result[measure.pk] = MeasureStatus(update.state if update else State.UNCLEAR, update)
    return result
