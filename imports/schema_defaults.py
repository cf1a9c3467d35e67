"""An empty samordna/plan@1 document with every key, for the recogniser to fill."""

from interchange.schema import SCHEMA


def empty_document():
    return {
        "schema": SCHEMA,
        "title": "",
        "kind": "action_plan",
        "language": None,
        "owners": [],
        "parent": None,
        "period": {"start": None, "end": None},
        "vision": "",
        "purpose": "",
        "goals": [],
        "target_groups": [],
        "adopted": [],
        "areas": [],
        "measures": [],
        "groups": [],
    }
