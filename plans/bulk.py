"""Many measures at once: rows pasted from Excel or Word, checked, then created together;
and the order of a plan's measures (by number, or one place up or down).

`parse_rows` reads pasted text (tab-separated columns: number, title, responsible,
timing; or one measure per line, "3.1 Title") into rows with their errors;
`create_measures` creates them all in one transaction, or none.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from plans.models import Area, Measure, Organisation, Responsibility, Timing
from plans.ordering import in_number_order, next_position, ordered_areas
from samordna.cleaning import text_problem

MAX_ROWS = 500
HEADER_WORDS = {"tiltak", "åtgärd", "measure", "title", "tittel", "aktivitet", "insats"}
LINE_NUMBER = re.compile(r"^(\d+[a-z]?(?:\.\d+[a-z]?)*)[.)]?\s+(.+)$", re.IGNORECASE)
CONTINUOUS = {"løpende", "løpande", "kontinuerlig", "pågående", "fortløpende", "continuous"}
TEMPORARY = {"midlertidig", "mellombels", "tillfällig", "temporär", "temporary"}
YEAR = r"((?:19|20)\d\d)"
DATE = r"(\d{4}-\d\d-\d\d)"
DASH = r"\s*[-–—]\s*"


@dataclass
class PastedRow:
    """One pasted line: what it will create, and what is wrong with it."""

    line: int
    number: str = ""
    title: str = ""
    responsible: list = field(default_factory=list)
    timing_text: str = ""
    timing: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    errors: list = field(default_factory=list)


def _timing(text):
    """(timing, start, end) for a timing cell, or None when it is not understood."""
    value = " ".join(text.split()).casefold()
    if not value:
        return "", None, None
    if value in CONTINUOUS:
        return Timing.CONTINUOUS, None, None
    if value in TEMPORARY:
        return Timing.TEMPORARY, None, None
    if match := re.fullmatch(YEAR, value):
        year = int(match.group(1))
        return Timing.PERIOD, datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if match := re.fullmatch(YEAR + DASH + YEAR, value):
        first, last = int(match.group(1)), int(match.group(2))
        return Timing.PERIOD, datetime.date(first, 1, 1), datetime.date(last, 12, 31)
    if match := re.fullmatch(DATE + DASH + DATE, value):
        try:
            start = datetime.date.fromisoformat(match.group(1))
            end = datetime.date.fromisoformat(match.group(2))
        except ValueError:
            return None
        return Timing.PERIOD, start, end
    return None


def parse_rows(text, plan):
    """The measures in pasted text, each with its errors (an empty list when it is fine)."""
    taken = set(
        Measure.objects.filter(plan=plan).exclude(number="").values_list("number", flat=True)
    )
    rows, numbers = [], {}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for line_number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        cells = [" ".join(c.split()) for c in line.split("\t")]
        if not rows and len(cells) > 1 and cells[1].casefold() in HEADER_WORDS:
            continue  # a header row copied along
        row = PastedRow(line=line_number)
        # Checked in the cells as pasted: PostgreSQL refuses NUL, and no plan needs a bell.
        problem = next(filter(None, map(text_problem, line.split("\t"))), None)
        if problem:
            row.errors.append(problem)
        if len(cells) == 1:
            match = LINE_NUMBER.match(cells[0])
            row.number, row.title = (match.group(1), match.group(2)) if match else ("", cells[0])
        else:
            cells += [""] * (4 - len(cells))
            row.number, row.title = cells[0].rstrip("."), cells[1]
            row.responsible = [r.strip() for r in cells[2].split(";") if r.strip()]
            row.timing_text = cells[3]
            if len(cells) > 4 and any(cells[4:]):
                row.errors.append(
                    _("Only four columns are read: number, title, responsible, timing.")
                )
        if not row.title:
            row.errors.append(_("The title is missing."))
        elif len(row.title) > 500:
            row.errors.append(_("The title is too long (at most 500 characters)."))
        if len(row.number) > 20:
            row.errors.append(_("The number is too long (at most 20 characters)."))
        elif row.number and row.number in taken:
            row.errors.append(
                _("The plan already has a measure numbered %(n)s.") % {"n": row.number}
            )
        elif row.number in numbers:
            row.errors.append(
                _("Number %(n)s is also on line %(line)s.")
                % {"n": row.number, "line": numbers[row.number]}
            )
        if row.number:
            numbers.setdefault(row.number, line_number)
        if any(len(name) > 300 for name in row.responsible):
            row.errors.append(_("A responsible's name is too long (at most 300 characters)."))
        timing = _timing(row.timing_text)
        if timing is None:
            row.errors.append(
                _(
                    "The timing “%(text)s” is not understood: write løpende, midlertidig, a year, "
                    "two years (2021–2022) or two dates (2021-03-01 – 2021-06-30)."
                )
                % {"text": row.timing_text}
            )
        else:
            row.timing, row.start, row.end = timing
            if row.start and row.end and row.end < row.start:
                row.errors.append(_("The timing ends before it starts."))
        rows.append(row)
        if len(rows) > MAX_ROWS:
            rows[-1].errors.append(
                _("At most %(n)s measures can be pasted at once.") % {"n": MAX_ROWS}
            )
            break
    return rows


def _by_name(organisations):
    return {o.name.casefold(): o for o in organisations.only("pk", "name")}


def named_organisations(rows, organisations):
    """The organisations among `organisations` that the rows' responsibles name (the whole
    name, ignoring case), each once, in the order named."""
    known = _by_name(organisations)
    return list(
        dict.fromkeys(
            known[name.casefold()]
            for row in rows
            for name in row.responsible
            if name.casefold() in known
        )
    )


@transaction.atomic
def create_measures(plan, rows, area=None, organisations=None):
    """Create every row's measure (after the plan's last), or none if any row has errors.

    A responsible whose name is one of `organisations` (by default any on the site, as
    `access.nameable_organisations` offers) points to it. Naming an organisation does not
    bring it into the plan: the caller invites them (`invitations.invite_participants`),
    as the measure form does.
    """
    if not rows or any(row.errors for row in rows):
        return []
    organisations = _by_name(Organisation.objects.all() if organisations is None else organisations)
    position = next_position(plan)
    created = []
    for offset, row in enumerate(rows):
        measure = Measure.objects.create(
            plan=plan,
            area=area,
            position=position + offset,
            number=row.number,
            title=row.title,
            timing=row.timing,
            timing_start=row.start,
            timing_end=row.end,
        )
        Responsibility.objects.bulk_create(
            Responsibility(
                measure=measure,
                position=i,
                name=name,
                organisation=organisations.get(name.casefold()),
            )
            for i, name in enumerate(row.responsible)
        )
        created.append(measure)
    return created


# Order


def area_tree(plan):
    """(area, depth) pairs of the plan in the order its pages list them."""
    return ordered_areas(list(Area.objects.filter(plan=plan)))


def _siblings(measure):
    return list(Measure.objects.filter(plan=measure.plan_id, area=measure.area_id))


def _renumber(measures):
    """Give measures positions 1, 2, 3… in the order given (positions are per area)."""
    changed = []
    for position, measure in enumerate(measures, start=1):
        if measure.position != position:
            measure.position = position
            changed.append(measure)
    # A statement per batch rather than per measure; PlanPartQuerySet.update bumps the plan.
    Measure.objects.bulk_update(changed, ["position"])


@transaction.atomic
def sort_by_number(plan):
    """Give every area's measures (and those outside areas) the positions of the plan's
    natural number order, the one its pages show (plans.ordering): a measure without a
    number stays after the one it follows, and a numbering that starts again (existing
    measures 1-25, then proposed 1-8) keeps its runs apart."""
    groups = {}
    for measure in Measure.objects.filter(plan=plan):
        groups.setdefault(measure.area_id, []).append(measure)
    for measures in groups.values():
        _renumber(in_number_order(measures))


@transaction.atomic
def move(measure, step):
    """Move a measure one place up (step -1) or down (+1) among its area's measures."""
    siblings = sorted(_siblings(measure), key=lambda m: (m.position, m.pk))
    index = next(i for i, m in enumerate(siblings) if m.pk == measure.pk)
    other = index + step
    if not 0 <= other < len(siblings):
        return False
    siblings[index], siblings[other] = siblings[other], siblings[index]
    _renumber(siblings)
    return True
