"""CSV → one table. The delimiter (comma, semicolon, tab) is guessed from the text."""

import csv
import io

from imports.blocks import Cell, Table
from imports.readers.inline import parse_inline
from imports.safety import decode_text

MAX_ROWS = 20000
MAX_COLUMNS = 60  # as for spreadsheets; a plan's table is never wider


def read_csv(data, deadline):
    text = decode_text(data)
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t|")
    except csv.Error:
        # A subclass, not csv.excel itself: setting csv.excel's delimiter would change
        # it for every later reader and writer in the process.
        class dialect(csv.excel):
            delimiter = ";" if sample.count(";") > sample.count(",") else ","

    rows = []
    try:
        for index, row in enumerate(csv.reader(io.StringIO(text), dialect)):
            if index % 500 == 0:
                deadline.check()
            if index >= MAX_ROWS:
                break
            rows.append([_cell(value) for value in row[:MAX_COLUMNS]])
    except csv.Error:
        from imports.safety import damaged

        raise damaged() from None
    rows = [row for row in rows if any(c.flat for c in row)]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    return [Table([row + [Cell()] * (width - len(row)) for row in rows])]


def _cell(value):
    paragraphs = parse_inline(value.replace("\r\n", "\n").replace("\n", "<br>"))
    return Cell("\n".join(t for t, _ in paragraphs), paragraphs[0][1] if paragraphs else "")
