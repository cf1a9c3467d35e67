"""The overview table: one row per plan with its shares of states as of a date, its last
status round, overdue reports and adoption, in a number of queries that does not grow with
the number of plans or measures.

States as of the date come from the state periods kept on every status write
(followup.models.StatePeriod); the municipalities' parts of scoped measures are worked out
from their updates with the same rule as the plan page (followup.status).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from cooperation.models import Obligation
from followup.models import State, StatePeriod, StatusRound
from followup.status import status_as_of
from plans.models import Adoption, AdoptionState, Measure, Organisation, PlanKind, PlanOwner
from reports.summary import STATES, shares_from_counts
from samordna.query import whole_number

COUNTY_KINDS = ["county_board", "county"]
SORT_KEYS = {
    "title": lambda row: row["title"].lower(),
    "owners": lambda row: ", ".join(row["owners"]).lower(),
    "county": lambda row: ", ".join(row["counties"]).lower(),
    "kind": lambda row: row["kind"],
    "period": lambda row: row["period_start"] or datetime.date.min,
    "total": lambda row: row["total"],
    "last_round": lambda row: row["last_round"] or datetime.date.min,
    "overdue": lambda row: row["overdue"],
    "adopted": lambda row: (row["adopted"], row["adoptions"]),
    **{state: (lambda row, state=state: row["shares"][state]) for state in STATES},
}


@dataclass
class Filters:
    """What the visitor narrowed the overview to; None or "" is everything."""

    county: int | None = None
    municipality: int | None = None
    kind: str = ""
    year: int | None = None

    @classmethod
    def from_query(cls, query, default_county=None):
        """Filters from a query string, and a message for each value that makes no sense."""
        errors = []
        county = whole_number(query.get("county")) if "county" in query else default_county
        municipality = whole_number(query.get("municipality"))
        kind = query.get("kind", "")
        if kind not in PlanKind.values:
            if kind:
                errors.append(_("“%(value)s” is not a kind of plan.") % {"value": kind})
            kind = ""
        year = whole_number(query.get("year"), 1900, 2200)
        if query.get("year") and year is None:
            errors.append(_("“%(value)s” is not a year.") % {"value": query.get("year")})
        for name, value in [("county", county), ("municipality", municipality)]:
            if query.get(name) and value is None:
                errors.append(_("“%(value)s” is not a choice.") % {"value": query.get(name)})
        return cls(county, municipality, kind, year), errors

    def apply(self, plans):
        if self.county:
            plans = plans.filter(
                Q(ownerships__organisation=self.county)
                | Q(ownerships__organisation__parent=self.county)
            )
        if self.municipality:
            plans = plans.filter(ownerships__organisation=self.municipality)
        if self.kind:
            plans = plans.filter(kind=self.kind)
        if self.year:
            first, last = datetime.date(self.year, 1, 1), datetime.date(self.year, 12, 31)
            plans = plans.filter(
                Q(period_start__isnull=True) | Q(period_start__lte=last),
                Q(period_end__isnull=True) | Q(period_end__gte=first),
            )
        return plans.distinct()


def county_of(user):
    """The county a county coordinator (or reader) works for: their overview starts there."""
    if not user.is_authenticated:
        return None
    return (
        Organisation.objects.filter(kind__in=COUNTY_KINDS, memberships__user=user)
        .values_list("pk", flat=True)
        .first()
    )


def _state_counts(plan_ids, as_of):
    """{plan id: {state: count}} as of the date; a measure's scopes count one each."""
    counts = {pk: dict.fromkeys(STATES, 0) for pk in plan_ids}
    for plan_id, total in (
        Measure.objects.filter(plan_id__in=plan_ids)
        .values("plan_id")
        .annotate(n=Count("id"))
        .values_list("plan_id", "n")
    ):
        counts[plan_id][State.UNCLEAR] = total  # until a period says otherwise
    for plan_id, state, n in (
        StatePeriod.objects.filter(plan_id__in=plan_ids, valid_from__lte=as_of)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=as_of))
        .values("plan_id", "state")
        .annotate(n=Count("id"))
        .values_list("plan_id", "state", "n")
    ):
        counts[plan_id][state] += n
        counts[plan_id][State.UNCLEAR] -= n
    # Scoped measures count once per municipality: swap their whole-measure state for their
    # scopes' states, worked out as the plan page does.
    scoped = [
        m
        for m in Measure.objects.filter(plan_id__in=plan_ids)
        .exclude(scopes=[])
        .only("id", "plan_id", "scopes")
        if m.scopes
    ]
    if scoped:
        for measure, status in zip(scoped, status_as_of(None, as_of, scoped).values(), strict=True):
            plan_counts = counts[measure.plan_id]
            whole = status.update.state if status.update else State.UNCLEAR
            plan_counts[whole] -= 1
            for scoped_status in status.scopes.values():
                plan_counts[scoped_status.state] += 1
    return counts


def overview_rows(plans, as_of):
    """One dict per plan of the `plans` queryset, with its figures as of the date."""
    plans = list(
        plans.order_by("title").values(
            "id", "slug", "title", "kind", "period_start", "period_end", "published"
        )
    )
    ids = [plan["id"] for plan in plans]
    if not ids:
        return []
    owners, counties = {}, {}
    for plan_id, name, county in PlanOwner.objects.filter(plan_id__in=ids).values_list(
        "plan_id", "organisation__name", "organisation__parent__name"
    ):
        owners.setdefault(plan_id, []).append(name)
        if county and county not in counties.get(plan_id, []):
            counties.setdefault(plan_id, []).append(county)
    counts = _state_counts(ids, as_of)
    last_round = dict(
        StatusRound.objects.filter(plan_id__in=ids, as_of__lte=as_of)
        .values("plan_id")
        .annotate(last=Max("as_of"))
        .values_list("plan_id", "last")
    )
    overdue = dict(
        Obligation.objects.filter(duty__plan_id__in=ids, due__lt=as_of)
        .filter(Q(done_at__isnull=True) | Q(done_at__date__gt=as_of))
        .values("duty__plan_id")
        .annotate(n=Count("id"))
        .values_list("duty__plan_id", "n")
    )
    adoptions = {}
    for plan_id, state, n in (
        Adoption.objects.filter(plan_id__in=ids)
        .values("plan_id", "state")
        .annotate(n=Count("id"))
        .values_list("plan_id", "state", "n")
    ):
        adoptions.setdefault(plan_id, {})[state] = n
    kinds = dict(PlanKind.choices)
    rows = []
    for plan in plans:
        pk = plan["id"]
        plan_counts = counts[pk]
        decided = adoptions.get(pk, {})
        rows.append(
            {
                **plan,
                "kind_label": str(kinds.get(plan["kind"], plan["kind"])),
                "owners": owners.get(pk, []),
                "counties": counties.get(pk, []),
                "counts": plan_counts,
                "shares": shares_from_counts(plan_counts),
                "total": sum(plan_counts.values()),
                "last_round": last_round.get(pk),
                "overdue": overdue.get(pk, 0),
                "adopted": decided.get(AdoptionState.ADOPTED, 0),
                "adoptions": sum(decided.values()),
            }
        )
    return rows


def sort_rows(rows, sort):
    """Rows sorted by a column of SORT_KEYS; a leading "-" sorts from the largest."""
    name = sort.removeprefix("-")
    if name not in SORT_KEYS:
        return rows, ""
    return sorted(rows, key=SORT_KEYS[name], reverse=sort.startswith("-")), sort


def table(rows):
    """The overview as a header and rows of plain values, shared by the CSV and Excel files."""
    header = [
        _("Plan"),
        _("Owners"),
        _("County"),
        _("Kind"),
        _("Period starts"),
        _("Period ends"),
        _("Measures"),
        *[f"{State(s).label} (%)" for s in STATES],
        *[f"{State(s).label} (n)" for s in STATES],
        _("Last status round"),
        _("Overdue reports"),
        _("Adopted"),
        _("Decisions"),
    ]
    body = [
        [
            row["title"],
            ", ".join(row["owners"]),
            ", ".join(row["counties"]),
            row["kind_label"],
            row["period_start"],
            row["period_end"],
            row["total"],
            *[row["shares"][s] for s in STATES],
            *[row["counts"][s] for s in STATES],
            row["last_round"],
            row["overdue"],
            row["adopted"],
            row["adoptions"],
        ]
        for row in rows
    ]
    return header, body
