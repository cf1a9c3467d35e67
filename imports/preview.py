"""Corrections to a recognised plan before it is created: rename, merge, split, move,
change responsible, remove. Each works on the document and its confidence together, so
that they stay parallel; a field the user has set counts as certain (1.0).

A measure is addressed by a key "A:M": A is the index of its area in `areas` (-1 for the
measures outside any area) and M its index in that list.
"""

import copy
import datetime
import re

from django.utils.translation import gettext_lazy

from imports.textutil import sentences

SURE = 1.0


class NoSuchMeasure(LookupError):
    pass


def _lists(document, confidence, area):
    if area == -1:
        return document["measures"], confidence.setdefault("measures", [])
    areas = document["areas"]
    if not 0 <= area < len(areas):
        raise NoSuchMeasure(area)
    confidence_areas = confidence.setdefault("areas", [])
    while len(confidence_areas) < len(areas):
        confidence_areas.append({"title": 0.5, "measures": []})
    return areas[area]["measures"], confidence_areas[area].setdefault("measures", [])


def parse_key(key):
    match = re.fullmatch(r"(-?\d+):(\d+)", key or "")
    if not match:
        raise NoSuchMeasure(key)
    return int(match.group(1)), int(match.group(2))


def locate(document, confidence, key):
    """(measures list, confidence list, index) of the measure `key`."""
    area, index = parse_key(key)
    measures, confidences = _lists(document, confidence, area)
    if not 0 <= index < len(measures):
        raise NoSuchMeasure(key)
    while len(confidences) < len(measures):
        confidences.append({})
    return measures, confidences, index


def measures_of(document, confidence):
    """Every measure as (key, measure, confidence, area index), in the preview's order."""
    result = []
    for area in [-1] + list(range(len(document["areas"]))):
        measures, confidences = _lists(document, confidence, area)
        for index, measure in enumerate(measures):
            result.append(
                (
                    f"{area}:{index}",
                    measure,
                    confidences[index] if index < len(confidences) else {},
                    area,
                )
            )
    return result


def rename(document, confidence, key, title, description=None):
    measures, confidences, index = locate(document, confidence, key)
    title = (title or "").strip()
    if not title:
        raise ValueError("empty title")
    measures[index]["title"] = title
    confidences[index]["title"] = SURE
    if description is not None:
        measures[index]["description"] = description.strip()
        confidences[index]["description"] = SURE


def set_responsible(document, confidence, key, text):
    """Responsible as the user typed them: names separated by commas, semicolons or lines,
    never cut at "og"/"och" ("Kommunalsjef helse og omsorg" is one name); "Phase: Name" on
    its own line keeps a phase."""
    measures, confidences, index = locate(document, confidence, key)
    entries = []
    for line in re.split(r"[\n;]", text or ""):
        line = line.strip()
        phase = re.match(r"^([^:,]{2,60}):\s*(.+)$", line)
        if phase:
            entries.append({"phase": phase.group(1).strip(), "name": phase.group(2).strip()})
        elif line:
            entries.extend(name.strip() for name in line.split(",") if name.strip())
    measures[index]["responsible"] = entries
    confidences[index]["responsible"] = SURE


def responsible_text(measure):
    """The responsible of a measure as the text the correction form shows."""
    lines = []
    for entry in measure.get("responsible") or []:
        if isinstance(entry, dict):
            lines.append(
                f"{entry.get('phase')}: {entry.get('name')}"
                if entry.get("phase")
                else entry.get("name", "")
            )
        else:
            lines.append(entry)
    if any(isinstance(e, dict) for e in measure.get("responsible") or []):
        return "\n".join(lines)
    return ", ".join(lines)


def move(document, confidence, key, area):
    measures, confidences, index = locate(document, confidence, key)
    target, target_confidences = _lists(document, confidence, area)
    measure = measures.pop(index)
    measure_confidence = confidences.pop(index)
    measure_confidence["area"] = SURE
    target.append(measure)
    target_confidences.append(measure_confidence)


def merge_with_next(document, confidence, key):
    """Join a measure and the one after it (in the same list) into one."""
    measures, confidences, index = locate(document, confidence, key)
    if index + 1 >= len(measures):
        raise NoSuchMeasure(key)
    first, second = measures[index], measures.pop(index + 1)
    confidences.pop(index + 1)
    text = " ".join(
        part
        for part in (first.get("description"), second.get("title"), second.get("description"))
        if part
    )
    first["description"] = text.strip()
    for field in ("responsible", "partners", "target_groups", "refs"):
        merged = list(first.get(field) or [])
        for entry in second.get(field) or []:
            if entry not in merged:
                merged.append(entry)
        first[field] = merged
    for field in ("number", "kind", "timing", "status"):
        if not first.get(field) and second.get(field):
            first[field] = second[field]
    confidences[index]["title"] = SURE


def split_points(measure):
    """The sentences of a measure's description a split may start at."""
    return sentences(measure.get("description") or "")


def split(document, confidence, key, at):
    """Split a measure: its description from sentence `at` on becomes a new measure."""
    measures, confidences, index = locate(document, confidence, key)
    measure = measures[index]
    parts = split_points(measure)
    if not 0 <= at < len(parts):
        raise NoSuchMeasure(key)
    measure["description"] = " ".join(parts[:at])
    rest = parts[at:]
    new = copy.deepcopy(measure)
    new.update({"number": None, "title": rest[0], "description": " ".join(rest[1:]), "refs": []})
    measures.insert(index + 1, new)
    new_confidence = dict(confidences[index])
    new_confidence.update({"title": SURE, "number": SURE})
    confidences.insert(index + 1, new_confidence)


def remove(document, confidence, key):
    measures, confidences, index = locate(document, confidence, key)
    measures.pop(index)
    if index < len(confidences):
        confidences.pop(index)


def rename_area(document, confidence, area, title):
    title = (title or "").strip()
    if not title or not 0 <= area < len(document["areas"]):
        raise NoSuchMeasure(area)
    document["areas"][area]["title"] = title
    _lists(document, confidence, area)
    confidence["areas"][area]["title"] = SURE


def missing_status_dates(document):
    """True when some measure has a status without an as-of date."""
    return any(
        measure.get("status") and not measure["status"].get("as_of")
        for _, measure, _, _ in measures_of(document, {"areas": [], "measures": []})
    )


def date_statuses(document, as_of):
    """Date the undated statuses of every measure, however deep its area (or none)."""
    waiting = [document]
    while waiting:
        parent = waiting.pop()
        if not isinstance(parent, dict):
            continue
        areas, measures = parent.get("areas"), parent.get("measures")
        waiting.extend(areas if isinstance(areas, list) else [])
        for measure in measures if isinstance(measures, list) else []:
            status = measure.get("status") if isinstance(measure, dict) else None
            if isinstance(status, dict) and not status.get("as_of"):
                status["as_of"] = as_of


def certainty(value):
    """ "sure", "likely" or "check" for a confidence value, for the preview's markers."""
    if value is None:
        return "check"
    if value >= 0.8:
        return "sure"
    if value >= 0.6:
        return "likely"
    return "check"


LANGUAGE_NAMES = {
    "nb": gettext_lazy("bokmål"),
    "nn": gettext_lazy("nynorsk"),
    "sv": gettext_lazy("Swedish"),
    "da": gettext_lazy("Danish"),
    "en": gettext_lazy("English"),
}


def language_name(code):
    """The language of a plan in words ("bokmål"), not its code."""
    return LANGUAGE_NAMES.get(code or "", code or "")


def period_dates(period):
    """(start, end) of a period as dates (None where unknown), for date formatting."""

    def parse(value):
        try:
            return datetime.date.fromisoformat(value) if value else None
        except (TypeError, ValueError):
            return None

    period = period or {}
    return parse(period.get("start")), parse(period.get("end"))


def reading_label(key):
    """What a reading takes as the measures, in words: "the bullets", "the table rows"."""
    if key.startswith("headings-"):
        return gettext_lazy("the headings at level %(level)s") % {"level": key.split("-", 1)[1]}
    return READING_LABELS.get(key, key)


READING_LABELS = {
    "bullets": gettext_lazy("the bullets"),
    "numbered": gettext_lazy("the numbered items"),
    "table": gettext_lazy("the table rows"),
    "flat-table": gettext_lazy("the rows of a table copied as text"),
    "legacy-label": gettext_lazy("the “Measure: … / Responsible: …” lines"),
    "legacy-list": gettext_lazy("the items in sections about activities"),
    "legacy-areas": gettext_lazy("nothing: goal areas only"),
    "none": gettext_lazy("nothing"),
}
