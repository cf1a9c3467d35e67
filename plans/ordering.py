"""The one order of a plan's areas and measures: by number, naturally (1.2 before 1.10).

Numbers are compared part by part, digits as numbers, so 1.2 < 1.10 < 2 and 14 < 14a < 15.
Areas sort among their siblings and measures within their area. The plan's own order
(position) still decides what numbers cannot: a measure without a number stays right after
the numbered one it follows, and where numbering starts again within an area (Rana's
existing measures 1-25, then its proposed measures 1-8) each numbered run keeps its place.
Every page, report, export and status round lists a plan through these functions.
"""

import re

from django.db.models import Max

from plans.models import Area, Measure

_PARTS = re.compile(r"(\d+)")


def natural_key(number):
    """A sort key for a measure or area number: "1.10" after "1.2", "14a" after "14"."""
    parts = []
    for part in _PARTS.split((number or "").strip().lower()):
        if not part:
            continue
        if part.isdigit():
            parts.append((0, int(part), ""))
        elif part.strip(" .-)"):
            parts.append((1, 0, part.strip(" .-)")))
    return tuple(parts)


def next_position(plan):
    """The position after every area and measure of the plan: where a new one goes."""
    top = [
        Area.objects.filter(plan=plan).aggregate(m=Max("position"))["m"] or 0,
        Measure.objects.filter(plan=plan).aggregate(m=Max("position"))["m"] or 0,
    ]
    return max(top) + 1


def _by_position(item):
    return (item.position, item.pk or 0)


def in_number_order(items):
    """Siblings (areas of one parent, measures of one area) in their natural number order."""
    runs, current, seen = [], [], set()
    for item in sorted(items, key=_by_position):
        number = (item.number or "").strip()
        if not number and current:
            current[-1][1].append(item)  # stays after the measure it follows
            continue
        key = natural_key(number)
        if number and key in seen:
            runs.append(current)  # numbering starts again: a new run
            current, seen = [], set()
        seen.add(key)
        current.append((key, [item]))
    runs.append(current)
    return [
        item for run in runs for _key, group in sorted(run, key=lambda g: g[0]) for item in group
    ]


def ordered_areas(areas):
    """(area, depth) pairs, parents before their children, siblings by number."""
    children = {}
    for area in areas:
        children.setdefault(area.parent_id, []).append(area)
    children = {parent: in_number_order(group) for parent, group in children.items()}
    known = {area.pk for area in areas}
    result = []

    def walk(parent_id, depth):
        for area in children.get(parent_id, []):
            result.append((area, depth))
            walk(area.pk, depth + 1)

    walk(None, 0)
    # An area whose parent is not among them (never in a whole plan) still shows.
    for parent_id in children:
        if parent_id is not None and parent_id not in known:
            walk(parent_id, 0)
    return result


def ordered_measures(measures, areas):
    """Measures outside areas first, then each area's in the areas' order, by number."""
    by_area = {}
    for measure in measures:
        by_area.setdefault(measure.area_id, []).append(measure)
    order = [None] + [area.pk for area, _depth in ordered_areas(areas)]
    order += [key for key in by_area if key not in order]  # an area not given: still listed
    return [m for key in order for m in in_number_order(by_area.get(key, []))]


def measures_in_order(plan, measures=None):
    """The plan's measures (or a queryset of them) in the plan's order, in two queries.

    Each knows its plan already, so links to them cost no further query.
    """
    if measures is None:
        measures = Measure.objects.filter(plan=plan)
    measures = list(measures)
    for measure in measures:
        measure.plan = plan
    return ordered_measures(measures, list(Area.objects.filter(plan=plan)))
