"""Excel (.xlsx) → blocks, with openpyxl: each sheet is a heading (its name) and a table.

Spreadsheet plans are one table per sheet, often with a title in the first rows; the
recogniser finds the header row itself. Cells in bold start with their whole text bold.
"""

import datetime
import io

from imports.blocks import Cell, Paragraph, Table
from imports.readers.inline import inline_text
from imports.safety import damaged, open_zip

MAX_ROWS = 20000
MAX_COLUMNS = 60


def read_xlsx(data, deadline):
    open_zip(data)  # refuses zip bombs before openpyxl unpacks anything
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a broken file
        raise damaged() from None
    blocks = []
    try:
        sheets = [
            s for s in workbook.worksheets if getattr(s, "sheet_state", "visible") == "visible"
        ]
        for sheet in sheets:
            rows = []
            for index, row in enumerate(sheet.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS)):
                if index % 200 == 0:
                    deadline.check()
                rows.append([_cell(cell) for cell in row])
            rows = _trim(rows)
            if not rows:
                continue
            if len(sheets) > 1:
                blocks.append(Paragraph(sheet.title, level=2))
            blocks.extend(_split(rows))
    except Exception as error:  # a damaged sheet fails only while it is read
        from imports.errors import UnreadableFile

        if isinstance(error, UnreadableFile):
            raise
        raise damaged() from None
    finally:
        workbook.close()
    return blocks


def _cell(cell):
    value = getattr(cell, "value", None)
    if value is None:
        return Cell()
    if isinstance(value, datetime.datetime):
        value = value.date().isoformat() if not value.time() else value.isoformat(" ")
    elif isinstance(value, datetime.date):
        value = value.isoformat()
    elif isinstance(value, float) and value.is_integer():
        value = str(int(value))
    text, lead = inline_text(str(value).replace("\r", ""))
    font = getattr(cell, "font", None)
    if font is not None and font.b:
        lead = text
    return Cell(str(value).replace("_x000D_", "") if "\n" in str(value) else text, lead)


def _trim(rows):
    """Rows without empty rows at the end and without empty columns on the right."""
    rows = [row for row in rows if any(cell.flat for cell in row)]
    if not rows:
        return []
    width = max(max((i + 1 for i, c in enumerate(row) if c.flat), default=0) for row in rows)
    return [row[:width] + [Cell()] * (width - len(row[:width])) for row in rows]


def _split(rows):
    """Lines above the table that fill one cell only are the sheet's title and notes."""
    blocks = []
    while rows and sum(1 for c in rows[0] if c.flat) == 1 and len(rows) > 1:
        cell = next(c for c in rows[0] if c.flat)
        blocks.append(Paragraph(cell.flat, level=1 if not blocks else 0))
        rows = rows[1:]
    blocks.append(Table(rows))
    return blocks
