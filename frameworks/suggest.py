"""Suggested framework items for a measure or an area, from the words it is written in.

A keyword matches at the start of a word ("kompetanse" finds "kompetanseheving"), in any
of the languages, so a plan need not be in the framework's language. Suggestions are never
stored: the coordinator's confirmations and rejections are (`frameworks.models.Tag`).
"""

import re
from functools import cache


@cache
def _pattern(keywords):
    if not keywords:
        return None
    words = sorted(set(keywords), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE)


def matches(requirement, text):
    """The keywords of a coverage requirement found in a text (empty: no suggestion)."""
    pattern = _pattern(requirement.keywords)
    if pattern is None or not text:
        return []
    return sorted({m.group(0).casefold() for m in pattern.finditer(text)})


def measure_text(measure):
    return f"{measure.title}\n{measure.description}"


def area_text(area):
    return f"{area.title}\n{area.description}"


def suggested_items(framework, text):
    """Ids of the framework's coverage requirements that the text suggests."""
    return [r.id for r in framework.coverage if matches(r, text)]
