"""The plan check: a plan held against its frameworks, requirement by requirement.

`check_plan(plan)` gathers what the checks need in a fixed number of queries, runs every
requirement of the plan's frameworks and returns a JSON-ready dict; the check page, its JSON
twin, `samordna check-plan`, the report and the across-plans page all use it.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.models import StatusRound, StatusUpdate
from frameworks import registry, suggest
from frameworks.checks import CHECKS, MET, MISSING, PARTLY, named_list
from frameworks.models import PlanFramework, Tag, TagState
from indicators.models import Indicator
from plans.models import Area, Measure, Responsibility

RESULTS = (MET, PARTLY, MISSING)


@dataclass
class PlanFacts:
    """What the checks read about one plan, loaded once."""

    plan: object
    today: datetime.date
    measures: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    adoptions: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    duties: list = field(default_factory=list)
    responsible_count: dict = field(default_factory=dict)
    last_status: dict = field(default_factory=dict)
    round_count: int = 0
    indicator_names: list = field(default_factory=list)
    tags: dict = field(default_factory=dict)  # ("measure"|"area", pk, framework, item) -> state


def load_facts(plan, today=None):
    measures = list(Measure.objects.filter(plan=plan).select_related("area"))
    measure_ids = [m.pk for m in measures]
    tags = {}
    for tag in Tag.objects.filter(Q(measure__plan=plan) | Q(area__plan=plan)):
        key = ("measure", tag.measure_id) if tag.measure_id else ("area", tag.area_id)
        tags[(*key, tag.framework, tag.item)] = tag.state
    return PlanFacts(
        plan=plan,
        today=today or timezone.localdate(),
        measures=measures,
        areas=list(Area.objects.filter(plan=plan)),
        adoptions=list(plan.adoptions.select_related("organisation")),
        groups=list(plan.groups.prefetch_related("members")),
        duties=list(plan.duties.select_related("to_group")),
        responsible_count=dict(
            Responsibility.objects.filter(measure_id__in=measure_ids)
            .values("measure_id")
            .annotate(n=Count("id"))
            .values_list("measure_id", "n")
        ),
        last_status=dict(
            StatusUpdate.objects.filter(measure_id__in=measure_ids)
            .values("measure_id")
            .annotate(last=Max("as_of"))
            .values_list("measure_id", "last")
        ),
        round_count=StatusRound.objects.filter(plan=plan).count(),
        indicator_names=list(Indicator.objects.filter(plan=plan).values_list("name", flat=True)),
        tags=tags,
    )


def chosen_frameworks(plan):
    """The frameworks the plan is held against: the coordinator's choice, else the defaults."""
    chosen = set(PlanFramework.objects.filter(plan=plan).values_list("framework", flat=True))
    frameworks = registry.all_frameworks()
    # A choice whose file has since been removed counts as no choice.
    return [frameworks[f] for f in frameworks if f in chosen] or registry.default_frameworks(plan)


def tagged(facts, framework, requirement):
    """Measures and areas that address a coverage requirement: (confirmed, suggested)."""
    confirmed, suggested = [], []
    for kind, objects, text in (
        ("area", facts.areas, suggest.area_text),
        ("measure", facts.measures, suggest.measure_text),
    ):
        for obj in objects:
            state = facts.tags.get((kind, obj.pk, framework.id, requirement.id))
            if state == TagState.CONFIRMED:
                confirmed.append(obj)
            elif state != TagState.REJECTED and suggest.matches(requirement, text(obj)):
                suggested.append(obj)
    return confirmed, suggested


def _coverage_result(facts, framework, requirement):
    confirmed, suggested = tagged(facts, framework, requirement)
    fix = ("frameworks:tags", [facts.plan.slug, framework.id])
    if confirmed:
        return MET, [_("Confirmed:"), *named_list(confirmed)], None
    if suggested:
        return (
            PARTLY,
            [_("Suggested from the words, not yet confirmed:"), *named_list(suggested)],
            fix,
        )
    return MISSING, [_("No measure or area addresses this.")], fix


def check_plan(plan, facts=None, frameworks=None):
    """Every requirement of the plan's frameworks with its result and evidence."""
    facts = facts or load_facts(plan)
    result = {
        "plan": plan.slug,
        "title": plan.title,
        "checked": facts.today.isoformat(),
        "frameworks": [],
    }
    for framework in frameworks if frameworks is not None else chosen_frameworks(plan):
        requirements = []
        for requirement in framework.requirements:
            if requirement.kind == "coverage":
                outcome, evidence, fix = _coverage_result(facts, framework, requirement)
            else:
                outcome, evidence, fix = CHECKS[requirement.check](facts)
            requirements.append(
                {
                    "id": requirement.id,
                    "kind": requirement.kind,
                    "text": requirement.label(),
                    "result": outcome,
                    "evidence": [str(e) for e in evidence],
                    "fix": reverse(fix[0], args=fix[1]) if fix else None,
                }
            )
        counts = {r: sum(1 for q in requirements if q["result"] == r) for r in RESULTS}
        result["frameworks"].append(
            {
                "id": framework.id,
                "title": framework.label(),
                "source": framework.source,
                "summary": counts,
                "requirements": requirements,
                "coverage": coverage_matrix(facts, framework),
            }
        )
    result["summary"] = {r: sum(f["summary"][r] for f in result["frameworks"]) for r in RESULTS}
    return result


def coverage_matrix(facts, framework):
    """Top-level areas × the framework's coverage items: how many measures are confirmed and
    how many only suggested for each."""
    items = framework.coverage
    if not items:
        return None
    root = {}
    parents = {a.pk: a.parent_id for a in facts.areas}
    for area in facts.areas:
        top = area.pk
        while parents.get(top):
            top = parents[top]
        root[area.pk] = top
    rows = [(a.pk, str(a)) for a in facts.areas if a.parent_id is None]
    if any(m.area_id is None for m in facts.measures) or not rows:
        rows.append((None, ""))
    cells = {}
    for requirement in items:
        confirmed, suggested = tagged(facts, framework, requirement)
        for objs, key in ((confirmed, "confirmed"), (suggested, "suggested")):
            for obj in objs:
                if not isinstance(obj, Measure):
                    continue  # the matrix counts measures; an area's own tag shows in the check
                row = root.get(obj.area_id) if obj.area_id else None
                cell = cells.setdefault((row, requirement.id), {"confirmed": 0, "suggested": 0})
                cell[key] += 1
    return {
        "items": [{"id": r.id, "text": r.label()} for r in items],
        "rows": [
            {
                "area": label,
                "cells": [cells.get((pk, r.id), {"confirmed": 0, "suggested": 0}) for r in items],
            }
            for pk, label in rows
        ],
    }
