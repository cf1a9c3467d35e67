"""The report's measures as CSV: one row per measure, the columns of the Excel "Measures" sheet.

`measure_table` is shared with the Excel export so the two files always have the same columns.
"""

import csv
import datetime
import io

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from followup.models import State
from plans.models import MeasureKind
from reports.report import remaining_text


def numbered_title(row):
    """The measure as "3. Title", or its title alone when it has no number."""
    return f"{row['number']}. {row['title']}" if row["number"] else row["title"]


def measure_table(report):
    """The header and one row of plain values per measure; dates are `datetime.date`."""
    header = [
        _("No."),
        _("Measure"),
        capfirst(_("goal area")),
        _("Responsible"),
        _("Kind"),
        _("State"),
        _("State code"),
        _("Status as of"),
        _("Report date"),
        capfirst(_("what is done")),
        capfirst(_("what remains")),
    ]
    as_of = datetime.date.fromisoformat(report["as_of"])
    rows = [
        [
            row["number"],
            row["title"],
            row["area"],
            "; ".join(row["responsible"]),
            str(MeasureKind(row["kind"]).label) if row["kind"] else "",
            str(State(row["state"]).label),
            str(row["state"]),
            datetime.date.fromisoformat(row["status_date"]) if row["status_date"] else None,
            as_of,
            row["done"],
            remaining_text(row),
        ]
        for row in report["measures"]
    ]
    return header, rows


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel in Norwegian, Nynorsk, Swedish and Danish settings splits CSV on semicolons (the
# comma is their decimal mark); in English settings on commas. The file follows the plan's
# language, not the reader's: the plan's coordinators, who share the file, work in it.
COMMA_LANGUAGES = {"en"}
GUARD = "\t"


def delimiter(language):
    """The field separator Excel expects for a plan in this language."""
    return "," if language in COMMA_LANGUAGES else ";"


def inert(value):
    """Text that a spreadsheet will not run as a formula: contacts write these texts, and a
    cell starting with = or + could otherwise run in the reader's spreadsheet.

    A leading tab, unlike an apostrophe, is not shown in the cell; `readable` removes it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return GUARD + value
    return value


def readable(value):
    """A cell's text as written, without the guard `inert` put before it."""
    return value[len(GUARD) :] if value.startswith(GUARD) else value


def table_csv(header, rows, language):
    """A table as the CSV file Excel opens right for a reader of this language."""
    out = io.StringIO()
    # Every field quoted, so a guarded or multi-line text stays one cell.
    writer = csv.writer(out, delimiter=delimiter(language), quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [
                value.isoformat() if isinstance(value, datetime.date) else inert(value)
                for value in row
            ]
        )
    # The byte order mark makes Excel read the file as UTF-8 rather than the local code page.
    return out.getvalue().encode("utf-8-sig")


def report_csv(report, comparison=None):
    header, rows = measure_table(report)
    return table_csv(header, rows, report["plan"].get("language", ""))
