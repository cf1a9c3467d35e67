"""The overview as CSV and Excel: pure functions from the overview's rows to bytes."""

import csv
import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from overview.table import table
from reports.exports.csvfile import inert


def overview_csv(rows):
    header, body = table(rows)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in body:
        writer.writerow(
            [
                value.isoformat() if isinstance(value, datetime.date) else inert(value)
                for value in row
            ]
        )
    # The byte order mark makes Excel read the file as UTF-8 rather than the local code page.
    return out.getvalue().encode("utf-8-sig")


def overview_xlsx(rows):
    header, body = table(rows)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Overview")
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in body:
        sheet.append([inert(value) for value in row])
    for column in (5, 6, len(header) - 3):
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
