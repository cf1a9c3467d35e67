"""The overview as CSV and Excel: pure functions from the overview's rows to bytes."""

import io

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from overview.table import table
from reports.exports.csvfile import table_csv


def overview_csv(rows):
    # The separator follows the reader's language: there is no one plan whose to follow.
    return table_csv(*table(rows), get_language())


def overview_xlsx(rows):
    header, body = table(rows)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Overview")
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in body:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "f":
                cell.data_type = "s"  # a title that looks like a formula stays text, as written
    for column in (5, 6, len(header) - 3):
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
