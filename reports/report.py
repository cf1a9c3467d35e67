"""The content of a status report: one plain, JSON-ready dict built in one place.

The report page, every download format, the command line and frozen snapshots all use
`build_report`, so their numbers cannot disagree.
"""

import datetime
from dataclasses import asdict, dataclass

from django.db.models import Prefetch

from followup.models import State, note_text
from followup.status import status_as_of
from frameworks.check import check_plan
from indicators.series import plan_indicators
from plans import ordering
from plans.models import Area, Measure, Responsibility
from plans.responsible import normalise, responsible_name
from reports.summary import STATES, shares_from_counts

NOT_GIVEN = ""  # key of measures with no one responsible


@dataclass(frozen=True)
class Filters:
    """What a report is narrowed to; empty values mean no filter."""

    area: int | None = None
    responsible: str = ""
    scope: str = ""
    kind: str = ""
    state: str = ""

    @classmethod
    def from_query(cls, query):
        area = query.get("area", "")
        return cls(
            area=int(area) if area.isascii() and area.isdigit() else None,
            responsible=query.get("responsible", "").strip(),
            scope=query.get("scope", "").strip(),
            kind=query.get("kind", "") if query.get("kind") in ("existing", "proposed") else "",
            state=query.get("state", "") if query.get("state") in STATES else "",
        )

    @classmethod
    def from_saved(cls, saved):
        """The filters a saved report stored with `as_query()`."""
        return cls.from_query({k: str(v) for k, v in (saved or {}).items()})

    def as_query(self):
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}

    def __bool__(self):
        return bool(self.as_query())


def summary_of(states):
    counts = dict.fromkeys(STATES, 0)
    for state in states:
        counts[state] += 1
    return {
        "total": sum(counts.values()),
        "counts": counts,
        "shares": shares_from_counts(counts),
    }


def _responsible_names(measure):
    return [responsible_name(r) for r in measure.responsibilities.all()]


def load_measures(plan):
    """The plan's areas and measures, in the plan's order, in a fixed number of queries."""
    areas = list(Area.objects.filter(plan=plan))
    measures = list(
        Measure.objects.filter(plan=plan)
        .select_related("area")
        .prefetch_related(
            Prefetch(
                "responsibilities", queryset=Responsibility.objects.select_related("organisation")
            )
        )
    )
    return ordering.ordered_areas(areas), ordering.ordered_measures(measures, areas)


def _descendants(area_id, ordered_areas):
    ids, frontier = {area_id}, {area_id}
    while frontier:
        frontier = {a.pk for a, _ in ordered_areas if a.parent_id in frontier}
        ids |= frontier
    return ids


def _measure_row(measure, status, scope):
    if scope:
        scoped = status.scopes.get(scope)
        state = scoped.state if scoped else State.UNCLEAR
        update = scoped.update if scoped else None
    else:
        state, update = status.state, status.update
    dates = [u.as_of for u in [update, *(s.update for s in status.scopes.values())] if u]
    if scope:
        dates = [update.as_of] if update else []
    return {
        "id": measure.pk,
        "number": measure.number,
        "title": measure.title,
        "area_id": measure.area_id,
        "area": str(measure.area) if measure.area_id else "",
        "responsible": _responsible_names(measure),
        "kind": measure.kind,
        "state": state,
        "done": update.done if update else "",
        "remaining": update.remaining if update else "",
        # A code, not text: the reader's language is chosen when the report is shown.
        "note": update.note if update else "",
        "status_date": max(dates).isoformat() if dates else None,
        "scopes": [{"scope": name, "state": s.state} for name, s in status.scopes.items()],
    }


def remaining_text(row):
    """A row's "Remaining" as shown: the system's note in the active language, then the text."""
    return "\n".join(t for t in (note_text(row.get("note", "")), row["remaining"]) if t)


def _units(row, scope):
    """The states a measure contributes to counts: one per scope where it has scopes."""
    if row["scopes"] and not scope:
        return [s["state"] for s in row["scopes"]]
    return [row["state"]]


def build_report(plan, as_of: datetime.date, filters: Filters = Filters(), text=None):
    """The report of `plan` as of a date, narrowed by `filters`, as a JSON-ready dict."""
    ordered_areas, measures = load_measures(plan)
    statuses = status_as_of(plan, as_of, measures)
    allowed_areas = _descendants(filters.area, ordered_areas) if filters.area else None
    rows = []
    for measure in measures:
        if allowed_areas is not None and measure.area_id not in allowed_areas:
            continue
        if filters.kind and measure.kind != filters.kind:
            continue
        if filters.scope and filters.scope not in measure.scopes:
            continue
        row = _measure_row(measure, statuses[measure.pk], filters.scope)
        wanted = normalise(filters.responsible)
        if wanted and wanted not in {normalise(n) for n in row["responsible"]}:
            continue
        if filters.state and row["state"] != filters.state:
            continue
        rows.append(row)

    area_rows = []
    for area, depth in ordered_areas:
        inside = _descendants(area.pk, ordered_areas)
        states = [u for r in rows if r["area_id"] in inside for u in _units(r, filters.scope)]
        if not states and allowed_areas is not None and area.pk not in allowed_areas:
            continue
        area_rows.append(
            {
                "id": area.pk,
                "number": area.number,
                "title": area.title,
                "depth": depth,
                "summary": summary_of(states),
            }
        )

    # One row per responsible, however it is spelt ("Politiet", "politi", "Skoler",
    # "Skolene"): organisations by name, free text by its normalised form.
    by_responsible, spelling = {}, {}
    for row in rows:
        keys = list(dict.fromkeys(normalise(n) for n in row["responsible"])) or [NOT_GIVEN]
        for key in keys:
            by_responsible.setdefault(key, []).extend(_units(row, filters.scope))
        for name in row["responsible"]:
            spelling.setdefault(normalise(name), name)
    responsible_rows = [
        {"name": spelling.get(key, key), "summary": summary_of(states)}
        for key, states in sorted(
            by_responsible.items(), key=lambda kv: (kv[0] == NOT_GIVEN, kv[0])
        )
    ]

    all_scopes = sorted({s for m in measures for s in m.scopes})
    first_spelling = {}
    for measure in measures:
        for name in _responsible_names(measure):
            first_spelling.setdefault(normalise(name), name)
    all_responsible = sorted(first_spelling.values(), key=str.casefold)
    text = text or {}
    return {
        "plan": {
            "slug": plan.slug,
            "title": plan.title,
            "kind": plan.kind,
            "language": plan.language,
            "owners": [o.organisation.name for o in plan.ownerships.select_related("organisation")],
        },
        "as_of": as_of.isoformat(),
        "filters": filters.as_query(),
        "summary": summary_of([u for r in rows for u in _units(r, filters.scope)]),
        "areas": area_rows,
        "responsible": responsible_rows,
        "measures": rows,
        "choices": {
            "areas": [{"id": a.pk, "label": str(a), "depth": depth} for a, depth in ordered_areas],
            "responsible": all_responsible,
            "scopes": all_scopes,
        },
        "text": {
            "summary": text.get("summary", ""),
            "areas": {str(k): v for k, v in (text.get("areas") or {}).items() if v},
        },
        "indicators": plan_indicators(plan),
        "check": check_plan(plan),
    }


def compare_reports(before, after):
    """What changed between two reports of one plan: states, new and discontinued measures."""
    old = {row["id"]: row for row in before["measures"]}
    changed, new, discontinued = [], [], []
    for row in after["measures"]:
        previous = old.get(row["id"])
        if previous is None or (previous["status_date"] is None and row["status_date"]):
            new.append(row)
        elif previous["state"] != row["state"] or previous["scopes"] != row["scopes"]:
            entry = {**row, "previous_state": previous["state"]}
            changed.append(entry)
            if row["state"] == State.DISCONTINUED:
                discontinued.append(entry)
    return {
        "before": {"as_of": before["as_of"], "summary": before["summary"]},
        "after": {"as_of": after["as_of"], "summary": after["summary"]},
        "changed": changed,
        "new": new,
        "discontinued": discontinued,
    }
