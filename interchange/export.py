"""Export of a plan from the database to a samordna/plan@1 document (a plain dict)."""

import json

from cooperation.models import Group
from followup.models import StatusUpdate
from interchange.schema import SCHEMA
from plans import ordering
from plans.models import Area, Measure, Timing


def _date(value):
    return value.isoformat() if value else None


def _status(update):
    status = {
        "as_of": update.as_of.isoformat(),
        "state": update.state,
        "done": update.done,
        "remaining": update.remaining,
        "scope": update.scope or None,
        "generated": update.generated,
    }
    if update.note:  # a code, so the text follows the reader's language after import
        status["note"] = update.note
    return status


def _timing(measure):
    if measure.timing == Timing.PERIOD:
        return {"start": _date(measure.timing_start), "end": _date(measure.timing_end)}
    return measure.timing or None


def _responsible(responsibility):
    """A name, or a dict when it has a phase or points to an organisation of another name."""
    entry = {"name": responsibility.name}
    if responsibility.phase:
        entry["phase"] = responsibility.phase
    organisation = responsibility.organisation
    if organisation is not None and organisation.name.lower() != responsibility.name.lower():
        entry["organisation"] = organisation.name
    return entry if len(entry) > 1 else responsibility.name


def _measure(measure, history):
    latest = history[-1] if history else None
    entry = {
        "number": measure.number or None,
        "title": measure.title,
        "description": measure.description,
        "responsible": [_responsible(r) for r in measure.responsibilities.all()],
        "partners": measure.partners,
        "kind": measure.kind or None,
        "timing": _timing(measure),
        "target_groups": measure.target_groups,
        "prevention_level": measure.prevention_level or None,
        "refs": measure.refs,
        "scopes": measure.scopes,
        "status": _status(latest) if latest else None,
    }
    if measure.timing_text:  # optional: only plans that word their timings have it
        entry["timing_text"] = measure.timing_text
    # The full history goes along only when there is more than the one current status,
    # so that a plan imported from a status table exports exactly as it came in.
    if len(history) > 1:
        entry["history"] = [_status(u) for u in history]
    return entry


def export_plan(plan):
    """The plan as a samordna/plan@1 document; importing it gives the same plan back."""
    areas = list(Area.objects.filter(plan=plan))
    measures = list(
        Measure.objects.filter(plan=plan).prefetch_related("responsibilities__organisation")
    )
    history = {}
    for update in StatusUpdate.objects.filter(measure__plan=plan).order_by(
        "as_of", "created_at", "id"
    ):
        history.setdefault(update.measure_id, []).append(update)

    children, area_measures = {}, {}
    for area, _depth in ordering.ordered_areas(areas):
        children.setdefault(area.parent_id, []).append(area)
    for measure in ordering.ordered_measures(measures, areas):
        area_measures.setdefault(measure.area_id, []).append(measure)

    def area_entry(area):
        return {
            "number": area.number or None,
            "title": area.title,
            "description": area.description,
            "development": area.development,
            "areas": [area_entry(a) for a in children.get(area.pk, [])],
            "measures": [
                _measure(m, history.get(m.pk, [])) for m in area_measures.get(area.pk, [])
            ],
        }

    groups = Group.objects.filter(plans=plan).order_by("position", "id").prefetch_related("members")
    document = {
        "schema": SCHEMA,
        "title": plan.title,
        "kind": plan.kind,
        "language": plan.language,
        "owners": [o.organisation.name for o in plan.ownerships.select_related("organisation")],
        "parent": plan.parent.title if plan.parent else None,
        "period": {"start": _date(plan.period_start), "end": _date(plan.period_end)},
        "vision": plan.vision,
        "purpose": plan.purpose,
        "goals": plan.goals,
        "target_groups": plan.target_groups,
        "adopted": [
            {
                "organisation": a.organisation.name,
                "body": a.body,
                "date": _date(a.date),
                "reference": a.reference,
                "state": a.state,
                "deadline": _date(a.deadline),
            }
            for a in plan.adoptions.select_related("organisation")
        ],
        "areas": [area_entry(a) for a in children.get(None, [])],
        "measures": [_measure(m, history.get(m.pk, [])) for m in area_measures.get(None, [])],
        "groups": [
            {
                "name": g.name,
                "level": g.level or None,
                "members": [m.name for m in g.members.all()],
                "mandate": g.mandate,
                "cadence": g.cadence,
                "chair": g.chair,
                "secretary": g.secretary,
                "convener": g.convener,
                "reports_to": g.reports_to,
            }
            for g in groups
        ],
    }
    if plan.note:  # optional, like a measure's timing_text
        document["note"] = plan.note
    return document


def export_json(plan):
    """The plan as UTF-8 JSON text, the way files of this format are written."""
    return json.dumps(export_plan(plan), ensure_ascii=False, indent=2) + "\n"
