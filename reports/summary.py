"""Counts and shares of states for a plan as of a date.

Shares are whole percentages rounded by the largest-remainder method so that they
always add up to exactly 100 (the hand-made seed report adds up to 109 %).
"""

from dataclasses import dataclass
from datetime import date

from followup.models import State
from followup.status import status_as_of

STATES = [s.value for s in State]


def shares_from_counts(counts: dict) -> dict:
    """Whole-number percentages per state that add up to exactly 100 (0s when empty)."""
    total = sum(counts.values())
    if total == 0:
        return {state: 0 for state in counts}
    exact = {state: counts[state] * 100 / total for state in counts}
    shares = {state: int(exact[state]) for state in counts}
    left = 100 - sum(shares.values())
    # Hand the remaining points to the largest remainders; ties follow the legend order.
    order = sorted(counts, key=lambda s: (-(exact[s] - shares[s]), list(counts).index(s)))
    for state in order[:left]:
        shares[state] += 1
    return shares


@dataclass
class Summary:
    as_of: date
    total: int
    counts: dict
    shares: dict

    def as_json(self):
        return {
            "as_of": self.as_of.isoformat(),
            "total": self.total,
            "counts": self.counts,
            "shares": self.shares,
        }

    def legend(self):
        """Rows for a legend: state, label, count and share, in the legend's order."""
        return [
            {"state": s, "label": State(s).label, "count": self.counts[s], "share": self.shares[s]}
            for s in STATES
        ]


def summarise(plan, as_of: date, measures=None, statuses=None) -> Summary:
    """Count states over the plan's measures; a measure's scopes count one each."""
    if measures is None:
        measures = list(plan.measures.all())
    if statuses is None:
        statuses = status_as_of(plan, as_of, measures)
    counts = {state: 0 for state in STATES}
    for measure in measures:
        status = statuses[measure.pk]
        if status.scopes:
            for scoped in status.scopes.values():
                counts[scoped.state] += 1
        else:
            counts[status.state] += 1
    return Summary(as_of, sum(counts.values()), counts, shares_from_counts(counts))
