"""The report as an Excel workbook (openpyxl): measures, summary and, if compared, changes.

Numbers and dates are written as numbers and dates, so they can be sorted, filtered and
summed in Excel.
"""

import datetime
import io

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from followup.models import State
from reports.exports.csvfile import measure_table
from reports.exports.word import TINTS
from reports.summary import STATES

DATE_FORMAT = "yyyy-mm-dd"
SHARE_FORMAT = '0" %"'
BOLD = Font(bold=True)
TOP = Alignment(vertical="top")
WRAP = Alignment(vertical="top", wrap_text=True)
# Width in characters of each column of the Measures sheet; long texts wrap.
WIDTHS = [7, 60, 30, 30, 12, 22, 14, 12, 12, 50, 50]
WRAPPED = {2, 3, 4, 10, 11}
STATE_COLUMN, STATE_CODE_COLUMN = 6, 7


def report_xlsx(report, comparison=None):
    book = Workbook()
    _measures_sheet(book.active, report)
    _summary_sheet(book.create_sheet(), report)
    if comparison:
        _changes_sheet(book.create_sheet(), comparison)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill(state):
    return PatternFill("solid", fgColor=TINTS[state].lstrip("#").upper())


def _number(value):
    # A whole number as a number, so measures sort 1, 2, 10 and not 1, 10, 2.
    return int(value) if value.isdigit() else value


def _header(sheet, row, labels):
    for column, label in enumerate(labels, start=1):
        sheet.cell(row, column, label).font = BOLD


def _measures_sheet(sheet, report):
    sheet.title = _("Measures")
    header, rows = measure_table(report)
    _header(sheet, 1, header)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(r, c, _number(value) if c == 1 else value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula stays text
            cell.alignment = WRAP if c in WRAPPED else TOP
            if isinstance(value, datetime.date):
                cell.number_format = DATE_FORMAT
        sheet.cell(r, STATE_COLUMN).fill = _fill(values[STATE_CODE_COLUMN - 1])
    for c, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"


def _state_counts_table(sheet, row, name_label, entries):
    """Names (with indent levels) and their counts per state; returns the next free row."""
    _header(sheet, row, [name_label] + [str(State(s).label) for s in STATES] + [_("Total")])
    for name, indent, summary in entries:
        row += 1
        sheet.cell(row, 1, name).alignment = Alignment(
            vertical="top", wrap_text=True, indent=indent
        )
        for c, state in enumerate(STATES, start=2):
            sheet.cell(row, c, summary["counts"][state])
        sheet.cell(row, len(STATES) + 2, summary["total"])
    return row + 2


def _summary_sheet(sheet, report):
    sheet.title = _("Summary")
    summary = report["summary"]
    sheet.cell(1, 1, report["plan"]["title"]).font = Font(bold=True, size=14)
    sheet.cell(2, 1, _("Status as of")).font = BOLD
    sheet.cell(2, 2, datetime.date.fromisoformat(report["as_of"])).number_format = DATE_FORMAT
    _header(sheet, 4, [_("State"), _("Count"), _("Share")])
    row = 4
    for state in STATES:
        row += 1
        sheet.cell(row, 1, str(State(state).label)).fill = _fill(state)
        sheet.cell(row, 2, summary["counts"][state])
        sheet.cell(row, 3, summary["shares"][state]).number_format = SHARE_FORMAT
    row += 1
    for c, value in enumerate(
        [_("Total"), summary["total"], sum(summary["shares"].values())], start=1
    ):
        sheet.cell(row, c, value).font = BOLD
    sheet.cell(row, 3).number_format = SHARE_FORMAT
    row += 2
    if report["areas"]:
        areas = [
            (
                f"{a['number']}. {a['title']}" if a["number"] else a["title"],
                a["depth"],
                a["summary"],
            )
            for a in report["areas"]
        ]
        row = _state_counts_table(sheet, row, capfirst(_("goal area")), areas)
    responsible = [
        (r["name"] or _("No one responsible"), 0, r["summary"]) for r in report["responsible"]
    ]
    _state_counts_table(sheet, row, _("Responsible"), responsible)
    sheet.column_dimensions["A"].width = 45
    for c in range(2, len(STATES) + 3):
        sheet.column_dimensions[get_column_letter(c)].width = 14


def _changes_sheet(sheet, comparison):
    sheet.title = _("Changes")
    before, after = comparison["before"]["as_of"], comparison["after"]["as_of"]
    # Labels outside the f-string, so that makemessages finds them.
    before_label, after_label = _("Before"), _("After")
    _header(
        sheet, 1, [_("No."), _("Measure"), f"{before_label} {before}", f"{after_label} {after}"]
    )
    entries = [(row, row["previous_state"]) for row in comparison["changed"]]
    entries += [(row, None) for row in comparison["new"]]
    for r, (row, previous) in enumerate(entries, start=2):
        sheet.cell(r, 1, _number(row["number"]))
        sheet.cell(r, 2, row["title"]).alignment = WRAP
        if previous:
            sheet.cell(r, 3, str(State(previous).label)).fill = _fill(previous)
        sheet.cell(r, 4, str(State(row["state"]).label)).fill = _fill(row["state"])
    for column, width in zip("ABCD", (7, 60, 28, 28), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
