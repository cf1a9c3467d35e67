"""Status by spreadsheet, both ways: the sheet of a plan's measures, and reading it back.

`status_sheet` writes one row per measure (ID, No., Measure, Responsible, Status, Done,
Remaining) with headers and state words in the plan's language. `read_sheet` turns an
uploaded file into plain rows; `plan_changes` checks them all (IDs, states, who may write)
and finds the rows that differ from the current status; `apply_changes` writes one status
update per changed row through `record_status`, in one transaction. A file with any
problem is refused whole, with every problem listed by row.
"""

import io
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from followup.models import Source, State, status_writes_in_bulk
from followup.status import record_status, status_as_of
from plans import access
from plans.models import Measure
from plans.ordering import measures_in_order
from plans.responsible import responsible_name
from samordna.cleaning import text_problem

COLUMNS = 7  # ID, No., Measure, Responsible, Status, Done, Remaining
WIDTHS = [8, 6, 50, 30, 22, 50, 50]
LISTS_SHEET = "Lists"
MAX_ROWS = 5000


def _headers():
    return [
        _("ID"),
        _("No."),
        _("Measure"),
        _("Responsible"),
        _("Status"),
        _("Done"),
        _("Remaining"),
    ]


def state_words(language):
    """The states' words in a language, in State order."""
    with translation.override(language):
        return [str(label) for label in State.labels]


def state_from_text(text):
    """The state code a cell means: a code, or a state's word in nb, nn, sv or en."""
    wanted = " ".join(str(text or "").split()).casefold()
    if not wanted:
        return None
    for code in State.values:
        if wanted == code:
            return code
    for language in ("nb", "nn", "sv", "en"):
        for code, word in zip(State.values, state_words(language), strict=True):
            if wanted == word.casefold():
                return code
    return None


def _measures(plan):
    return measures_in_order(
        plan, Measure.objects.filter(plan=plan).prefetch_related("responsibilities__organisation")
    )


def _responsible(measure):
    return "; ".join(responsible_name(r) for r in measure.responsibilities.all())


def status_sheet(plan, as_of):
    """The plan's status as of a date as .xlsx bytes, headers in the plan's language."""
    measures = _measures(plan)
    statuses = status_as_of(plan, as_of, measures)
    with translation.override(plan.language):
        words = dict(zip(State.values, state_words(plan.language), strict=True))
        book = Workbook()
        sheet = book.active
        sheet.title = _("Status")[:31]
        sheet.append(_headers())
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for measure in measures:
            status = statuses[measure.pk]
            update = status.update
            sheet.append(
                [
                    measure.pk,
                    measure.number,
                    measure.title,
                    _responsible(measure),
                    words[status.state],
                    update.done if update else "",
                    update.remaining if update else "",
                ]
            )
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                cell.data_type = "n" if cell.column == 1 else "s"
        for column, width in enumerate(WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.freeze_panes = "A2"
        # The choices live on a hidden sheet: a state word may hold a comma, which an
        # inline list would split. The English codes are accepted too.
        lists = book.create_sheet(LISTS_SHEET)
        choices = list(words.values()) + list(State.values)
        for i, choice in enumerate(choices, start=1):
            lists.cell(i, 1, choice)
        lists.sheet_state = "hidden"
        last = max(len(measures) + 1, 2)
        validation = DataValidation(
            type="list",
            formula1=f"{LISTS_SHEET}!$A$1:$A${len(choices)}",
            allow_blank=False,
            showErrorMessage=True,
            errorTitle=_("Status"),
            error=_("Choose one of the states in the list."),
        )
        validation.add(f"E2:E{last}")
        sheet.add_data_validation(validation)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class SheetRow:
    """One row of an uploaded sheet, as text; `row` is its number in the spreadsheet."""

    row: int
    id: str
    state: str
    done: str
    remaining: str


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class UnreadableSheet(Exception):
    """The file is not a spreadsheet Samordna can read."""


def read_sheet(data):
    """The rows of the first sheet of an .xlsx file (bytes), below the header row."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return _rows(book.worksheets[0])
        finally:
            book.close()
    except UnreadableSheet:
        raise
    # openpyxl raises many kinds for a file that is not xlsx; a read-only workbook parses
    # its sheet only while the rows are read, so a file cut short fails there.
    except Exception as error:
        raise UnreadableSheet(_("The file is not an Excel workbook (.xlsx).")) from error


def _rows(sheet):
    rows = []
    for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        values = list(values[:COLUMNS]) + [None] * (COLUMNS - len(values[:COLUMNS]))
        if all(_text(v) == "" for v in values):
            continue
        if len(rows) >= MAX_ROWS:
            raise UnreadableSheet(_("The file has more rows than any plan has measures."))
        rows.append(
            SheetRow(
                row=number,
                id=_text(values[0]),
                state=_text(values[4]),
                done=_text(values[5]),
                remaining=_text(values[6]),
            )
        )
    return rows


@dataclass
class Change:
    """A row whose status differs from the measure's status as of the date."""

    row: int
    measure: Measure
    before: dict
    after: dict

    @property
    def before_label(self):
        return State(self.before["state"]).label

    @property
    def after_label(self):
        return State(self.after["state"]).label

    def as_json(self):
        return {
            "row": self.row,
            "id": self.measure.pk,
            "number": self.measure.number,
            "title": self.measure.title,
            "before": self.before,
            "after": self.after,
        }


@dataclass
class Outcome:
    """What an uploaded sheet would do: its changes, unchanged rows and problems by row."""

    changes: list
    unchanged: int
    problems: list  # (row, message)


def plan_changes(plan, rows, as_of, user=None):
    """Check every row and find the changed ones. `user` None means no limit (the console)."""
    measures = {m.pk: m for m in Measure.objects.filter(plan=plan)}
    statuses = status_as_of(plan, as_of, list(measures.values()))
    allowed = None if user is None else access.updatable_measure_ids(user, plan)
    changes, problems, seen, unchanged = [], [], {}, 0
    for row in rows:
        measure_id = int(row.id) if row.id.isascii() and row.id.isdigit() else None
        measure = measures.get(measure_id)
        row_problems = []
        if measure is None:
            row_problems.append(
                _("The ID “%(id)s” is not a measure of this plan.") % {"id": row.id}
                if row.id
                else _("The ID is missing.")
            )
        elif measure_id in seen:
            row_problems.append(
                _("The measure is also on row %(row)s.") % {"row": seen[measure_id]}
            )
        # Each text once, whichever cell holds it: PostgreSQL refuses NUL in a status.
        texts = (row.id, row.state, row.done, row.remaining)
        problem = next(filter(None, map(text_problem, texts)), None)
        if problem:
            row_problems.append(problem)
        state = state_from_text(row.state)
        if state is None:
            row_problems.append(
                _("“%(state)s” is not a state; use one of: %(states)s.")
                % {"state": row.state, "states": ", ".join(state_words(plan.language))}
            )
        if row_problems:
            problems.extend((row.row, message) for message in row_problems)
            continue
        seen[measure_id] = row.row
        update = statuses[measure_id].update
        before = {
            "state": statuses[measure_id].state,
            "done": update.done if update else "",
            "remaining": update.remaining if update else "",
        }
        after = {"state": state, "done": row.done, "remaining": row.remaining}
        if _same(before, after):
            unchanged += 1
            continue
        if allowed is not None and measure_id not in allowed:
            problems.append(
                (row.row, _("You may not write the status of measure %(m)s.") % {"m": measure})
            )
            continue
        changes.append(Change(row.row, measure, before, after))
    return Outcome(changes, unchanged, problems)


def _same(before, after):
    """Equal but for spacing and line endings, which spreadsheets change on their own."""
    return all(" ".join(before[k].split()) == " ".join(after[k].split()) for k in before)


@transaction.atomic
def apply_changes(plan, result, as_of, user=None):
    """Write one status update per changed row; nothing when the sheet has problems."""
    if result.problems:
        return []
    with status_writes_in_bulk():
        return [
            record_status(
                change.measure,
                as_of,
                change.after["state"],
                change.after["done"],
                change.after["remaining"],
                user,
                source=Source.SHEET,
                author_name=None if user else _("Status spreadsheet"),
            )
            for change in result.changes
        ]


def result_json(plan, result, as_of, written=None):
    """The outcome as a JSON-ready dict, for the command line."""
    return {
        "plan": plan.slug,
        "as_of": as_of.isoformat(),
        "changes": [change.as_json() for change in result.changes],
        "unchanged": result.unchanged,
        "problems": [{"row": row, "message": message} for row, message in result.problems],
        "written": written,
    }


def rows_json(rows):
    """Rows as JSON-ready dicts, to carry a previewed sheet to its confirmation."""
    return [asdict(row) for row in rows]


def rows_from_json(data):
    """Rows back from `rows_json`; anything malformed is dropped (it is checked again)."""
    rows = []
    for entry in data if isinstance(data, list) else []:
        try:
            rows.append(
                SheetRow(
                    row=int(entry["row"]),
                    **{k: str(entry[k]) for k in ("id", "state", "done", "remaining")},
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return rows
