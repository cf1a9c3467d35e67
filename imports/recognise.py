"""Blocks → a samordna/plan@1 document, with a parallel structure of confidences.

`recognise(blocks)` returns a `Recognition`: the plan found (`document`), how sure the
importer is of each field (`confidence`, same nesting as the document: plan fields,
`areas[i].measures[j]`, `measures[j]`, each 0–1), notes for the user, any other plans the
same file holds (`others`, each a (document, confidence) pair), and the other readings of
the same plan (`readings`: "the measures are the bullets / the numbered items / the
headings at level 2 / the table rows"), so the preview can switch at once.

Each shape a plan can state its measures in is a detector (`imports.readings`, plus the
table and "Insats:/Ansvar:" reader of `imports.segment`); each proposes a reading of the
whole plan with a score, and the best reading wins. A file with several plans (a strategy
with its annual action plan) gives the plan with the best reading as the main result.
"""

import copy
from dataclasses import dataclass, field

from imports import facts
from imports.errors import Deadline
from imports.readings import Reading, propose
from imports.schema_defaults import empty_document
from imports.sections import items_of, segments
from imports.segment import SHAPES, SegmentReader

# How much one measure found by the first reader's shapes weighs against the detectors':
# a table with a header row or "Insats:/Ansvar:" pairs are the strongest evidence there is.
LEGACY_WEIGHT = {"table": 3.0, "label": 2.5, "list": 0.4}


@dataclass
class Recognition:
    document: dict
    confidence: dict
    notes: list = field(default_factory=list)
    others: list = field(default_factory=list)
    readings: list = field(default_factory=list)  # dicts: key, score, count, document, confidence


def recognise(blocks, notes=None, prefer=None, deadline=None):
    """A Recognition of `blocks`; `prefer` ("bullets", "numbered", "headings-2", …) picks
    that reading of the plan when the file allows it. `deadline` (an errors.Deadline)
    bounds the time spent; UnreadableFile when it passes."""
    deadline = deadline or Deadline()
    items = items_of(blocks, deadline)
    parts = []
    # A file with nothing to read still gets one (empty) part, so it is refused with a reason.
    for part in segments(items) or [items]:
        reader = SegmentReader(part, deadline).run()
        readings = _readings(reader, part, deadline)
        parts.append((reader, readings))
    groups = [g for reader, _ in parts for g in reader.groups]
    order = sorted(
        range(len(parts)),
        key=lambda i: parts[i][1][0].score if parts[i][1] else 0.0,
        reverse=True,
    )
    main_reader, main_readings = parts[order[0]]
    alternatives = [
        _plan(main_reader, r, items) | {"key": r.key, "score": r.score} for r in main_readings
    ]
    if not alternatives:
        alternatives = [
            _plan(main_reader, Reading(key="none"), items) | {"key": "none", "score": 0}
        ]
    chosen = 0
    if prefer:
        chosen = next((i for i, a in enumerate(alternatives) if a["key"] == prefer), 0)
    main = alternatives[chosen]
    main["document"]["groups"] = groups
    main["confidence"]["groups"] = [0.6 for _ in groups]
    others = []
    for i in order[1:]:
        reader, readings = parts[i]
        # A strategy's goal areas with their development opportunities are what the other
        # part of the file is; the first reader keeps them.
        strategy = [r for r in readings if r.legacy and _has_development(reader)]
        chosen = strategy[0] if strategy else (readings[0] if readings else Reading(key="none"))
        plan = _plan(reader, chosen, items)
        if plan["document"]["areas"] or plan["document"]["measures"]:
            others.append((plan["document"], plan["confidence"]))
    notes = list(notes or [])
    if not any(True for _ in _all_measures(main["document"])):
        from django.utils.translation import gettext as _

        notes.append(
            _(
                "Samordna found no measures in this file. Check that it is the plan itself; "
                "you can still add measures after creating the plan."
            )
        )
    readings = [
        {
            "key": a["key"],
            "score": round(a["score"], 2),
            "count": sum(1 for _ in _all_measures(a["document"])),
            "document": a["document"],
            "confidence": a["confidence"],
        }
        for a in alternatives
    ]
    return Recognition(main["document"], main["confidence"], notes, others, readings)


def _has_development(reader):
    return sum(1 for area in reader.areas if area.development) >= 2


def _readings(reader, part, deadline):
    """Every reading of one plan, best first, without two that find the same measures."""
    shape, measures = reader.measures()
    # The first reader's reading is always there, even without measures: it keeps a
    # strategy's goal areas and development opportunities.
    legacy = Reading(key="table" if shape == "table" else f"legacy-{shape or 'areas'}", legacy=True)
    legacy.measures = measures
    weight = LEGACY_WEIGHT.get(shape, 0.0)
    if shape == "list" and reader.mode in ("declared", "numbered"):
        weight = 1.2  # activities placed in goal areas the plan declares or numbers
    legacy.score = weight * len(measures)
    if not measures and _has_development(reader):
        legacy.score = 0.5 * sum(1 for area in reader.areas if area.development)
    candidates = [legacy]
    deadline.check()
    candidates += propose(part, deadline=deadline)
    candidates.sort(key=lambda r: r.score, reverse=True)
    seen, result = set(), []
    for reading in candidates:
        if not reading.measures and reading is not legacy:
            continue
        signature = tuple(m.title for m in reading.measures)
        if signature in seen or any(r.key == reading.key for r in result):
            continue
        seen.add(signature)
        result.append(reading)
    return result


def _plan(reader, reading, all_items):
    document = empty_document()
    if reading.legacy:
        for area in reader.areas:
            area.measures = []
        candidates = reader.areas
    else:
        candidates = list(reading.areas)
        for area in candidates:
            area.measures = []
    top = []
    for draft in reading.measures:
        area = draft.area
        if area is not None:
            if area not in candidates:
                candidates.append(area)
            area.measures.append(draft)
        else:
            top.append(draft)
    # Areas made from headings only count when measures sit under them.
    areas = [a for a in candidates if a.measures or (reading.legacy and reader.mode != "headings")]
    document["areas"] = [area.to_json() for area in areas]
    document["measures"] = [m.to_json() for m in top]
    confidence = {
        "areas": [area.confidence_json() for area in areas],
        "measures": [m.confidence_json() for m in top],
    }
    # The plan's facts (title, language, period …) do not depend on the reading.
    cached = getattr(reader, "facts", None)
    if cached is None:
        facts_document, facts_confidence = empty_document(), {}
        facts.fill(facts_document, facts_confidence, reader.items, all_items, reader.goals)
        cached = reader.facts = (facts_document, facts_confidence)
    for key in ("title", "kind", "language", "period", "owners", "goals"):
        document[key] = copy.deepcopy(cached[0][key])
    confidence.update(cached[1])
    return {"document": document, "confidence": confidence}


def _all_measures(document):
    yield from document.get("measures") or []
    for area in document.get("areas") or []:
        yield from _all_measures(area)


__all__ = ["LEGACY_WEIGHT", "SHAPES", "Recognition", "recognise"]
