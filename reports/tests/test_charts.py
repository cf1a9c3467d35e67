"""The SVG charts: ids that stay unique when a page or PDF holds several charts."""

import re

from reports import charts
from reports.exports.pdf import _chart
from reports.summary import STATES


def rows(labels):
    counts = dict.fromkeys(STATES, 1)
    shares = dict.fromkeys(STATES, 20)
    return [
        {"label": label, "summary": {"counts": counts, "shares": shares, "total": len(STATES)}}
        for label in labels
    ]


def test_every_pattern_is_defined_once_and_used_where_it_is_defined():
    areas = charts.svg(rows(["1. Forebygging", "2. Beskyttelse"]), "Status per goal area")
    parts = _chart(rows([f"Etat {n}" for n in range(40)]), "Status per responsible", part=18)
    page = areas + parts
    defined = re.findall(r'<pattern id="([^"]+)"', page)
    assert len(defined) == len(set(defined)) == 3 * 4  # four charts, three patterns each
    for chart in re.findall(r"<svg.*?</svg>", page, flags=re.S):
        own = set(re.findall(r'<pattern id="([^"]+)"', chart))
        assert set(re.findall(r"url\(#([^)]+)\)", chart)) <= own
