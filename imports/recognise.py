"""Blocks → a samordna/plan@1 document, with a parallel structure of confidences.

`recognise(blocks)` returns a `Recognition`: the plan found (`document`), how sure the
importer is of each field (`confidence`, same nesting as the document: plan fields,
`areas[i].measures[j]`, `measures[j]`, each 0–1), notes for the user, and any other plans
the same file holds (`others`, each a (document, confidence) pair).

A file with several plans (a strategy with its annual action plan) gives the plan with
the most clearly stated measures as the main result; the others are offered in the
preview, where the user can switch to one of them.
"""

from dataclasses import dataclass, field

from imports import facts
from imports.schema_defaults import empty_document
from imports.sections import items_of, segments
from imports.segment import SHAPES, SegmentReader


@dataclass
class Recognition:
    document: dict
    confidence: dict
    notes: list = field(default_factory=list)
    others: list = field(default_factory=list)


def recognise(blocks, notes=None):
    items = items_of(blocks)
    readers = [SegmentReader(part).run() for part in segments(items)]
    results = [_plan(reader, items) for reader in readers]
    groups = [g for reader in readers for g in reader.groups]
    order = sorted(
        range(len(results)),
        key=lambda i: (
            results[i]["strength"],
            sum(1 for _ in _all_measures(results[i]["document"])),
        ),
        reverse=True,
    )
    main = results[order[0]]
    main["document"]["groups"] = groups
    main["confidence"]["groups"] = [0.6 for _ in groups]
    others = [
        (results[i]["document"], results[i]["confidence"])
        for i in order[1:]
        if results[i]["document"]["areas"] or results[i]["document"]["measures"]
    ]
    notes = list(notes or [])
    if not any(True for _ in _all_measures(main["document"])):
        from django.utils.translation import gettext as _

        notes.append(
            _(
                "Samordna found no measures in this file. Check that it is the plan itself; "
                "you can still add measures after creating the plan."
            )
        )
    return Recognition(main["document"], main["confidence"], notes, others)


def _plan(reader, all_items):
    shape, measures = reader.measures()
    document = empty_document()
    for area in reader.areas:
        area.measures = []
    top = []
    for draft in measures:
        if draft.area is not None:
            draft.area.measures.append(draft)
        else:
            top.append(draft)
    # Areas made from headings only count when measures sit under them.
    areas = [a for a in reader.areas if a.measures or reader.mode != "headings"]
    document["areas"] = [area.to_json() for area in areas]
    document["measures"] = [m.to_json() for m in top]
    confidence = {
        "areas": [area.confidence_json() for area in areas],
        "measures": [m.confidence_json() for m in top],
    }
    facts.fill(document, confidence, reader.items, all_items, reader.goals)
    strength = len(SHAPES) - SHAPES.index(shape) if shape else 0
    return {"document": document, "confidence": confidence, "strength": strength}


def _all_measures(document):
    yield from document.get("measures") or []
    for area in document.get("areas") or []:
        yield from _all_measures(area)
