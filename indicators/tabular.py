"""Indicator values from a CSV or Excel file: rows are read and checked first, then saved in
one transaction only if every row is right, so a bad file changes nothing."""

import csv
import io
import math

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from imports.errors import UnreadableFile
from imports.safety import open_zip
from indicators.models import Indicator, IndicatorValue
from samordna.cleaning import text_problem

# Column names people write, in nb, nn, sv and en, mapped to the field they fill.
HEADERS = {
    "indicator": "name",
    "indikator": "name",
    "name": "name",
    "navn": "name",
    "namn": "name",
    "year": "year",
    "år": "year",
    "value": "value",
    "verdi": "value",
    "verdi/andel": "value",
    "värde": "value",
    "andel": "value",
    "unit": "unit",
    "enhet": "unit",
    "eining": "unit",
    "source": "source",
    "kilde": "source",
    "kjelde": "source",
    "källa": "source",
    "place": "place",
    "sted": "place",
    "stad": "place",
    "område": "place",
}
MAX_ROWS = 5000
LENGTHS = {
    "name": Indicator._meta.get_field("name").max_length,
    "unit": Indicator._meta.get_field("unit").max_length,
    "source": Indicator._meta.get_field("source").max_length,
    "place": IndicatorValue._meta.get_field("place").max_length,
}


class TableError(ValueError):
    """A file that cannot be used: `problems` lists every fault, by row."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


def read_rows(name, content):
    """Rows of cell texts from a .csv or .xlsx file."""
    if name.lower().endswith(".xlsx"):
        not_excel = _("This is not an Excel file Samordna can read.")
        try:
            open_zip(content)  # refuses a zip bomb before openpyxl unpacks it
        except UnreadableFile as error:
            raise TableError([error.message if error.code == "zip_bomb" else not_excel]) from None
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
            return [
                ["" if c is None else str(c) for c in row]
                for row in sheet.iter_rows(values_only=True)
            ]
        except Exception:  # openpyxl raises many kinds, also while the rows are read
            raise TableError([not_excel]) from None
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise TableError([_("This is not a CSV file Samordna can read.")])
    dialect = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text), delimiter=dialect))
    except csv.Error:  # e.g. a field longer than the csv module's limit
        raise TableError([_("This is not a CSV file Samordna can read.")]) from None


def _number(text):
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("%", "").replace(",", ".")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def parse(rows):
    """Checked values: [{"name", "year", "value", "unit", "source", "place"}]; or TableError."""
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise TableError([_("The file is empty.")])
    columns = [HEADERS.get(cell.strip().casefold()) for cell in rows[0]]
    missing = [c for c in ("name", "year", "value") if c not in columns]
    if missing:
        raise TableError(
            [
                _(
                    "The first row must name the columns indicator, year and value (missing: %(columns)s)."
                )
                % {"columns": ", ".join(missing)}
            ]
        )
    if len(rows) > MAX_ROWS + 1:
        raise TableError([_("The file has more than %(count)d rows.") % {"count": MAX_ROWS}])
    problems, values, seen = [], [], set()
    for number, row in enumerate(rows[1:], start=2):
        cells = {c: (row[i].strip() if i < len(row) else "") for i, c in enumerate(columns) if c}
        # Cut to the columns' lengths here, so a long name is the same name in this file, in
        # the next upload and in the database.
        entry = {key: cells.get(key, "")[:length].strip() for key, length in LENGTHS.items()}
        problem = next(filter(None, map(text_problem, cells.values())), None)
        if problem:
            problems.append(_("Row %(row)d: %(problem)s") % {"row": number, "problem": problem})
            continue
        if not entry["name"]:
            problems.append(_("Row %(row)d: the indicator has no name.") % {"row": number})
            continue
        try:
            year = int(float(cells["year"].replace(",", ".")))
            if not 1900 <= year <= 2200:
                raise ValueError
        except ValueError:
            problems.append(
                _("Row %(row)d: “%(year)s” is not a year between 1900 and 2200.")
                % {"row": number, "year": cells["year"]}
            )
            continue
        try:
            value = _number(cells["value"])
        except ValueError:
            problems.append(
                _("Row %(row)d: “%(value)s” is not a number.")
                % {"row": number, "value": cells["value"]}
            )
            continue
        key = (entry["name"].casefold(), year, entry["place"].casefold())
        if key in seen:
            problems.append(
                _("Row %(row)d: %(name)s has two values for %(year)d.")
                % {"row": number, "name": entry["name"], "year": year}
            )
            continue
        seen.add(key)
        values.append({**entry, "year": year, "value": value})
    if problems:
        raise TableError(problems)
    return values


@transaction.atomic
def save(plan, values):
    """Create the indicators the file names and set their values; returns (indicators, values)."""
    existing = {i.name.casefold(): i for i in Indicator.objects.filter(plan=plan)}
    position = len(existing)
    touched = set()
    for entry in values:
        indicator = existing.get(entry["name"].casefold())
        if indicator is None:
            position += 1
            indicator = Indicator.objects.create(
                plan=plan,
                name=entry["name"],
                unit=entry["unit"],
                source=entry["source"],
                position=position,
            )
            existing[indicator.name.casefold()] = indicator
        IndicatorValue.objects.update_or_create(
            indicator=indicator,
            year=entry["year"],
            place=entry["place"],
            defaults={"value": entry["value"]},
        )
        touched.add(indicator.pk)
    return len(touched), len(values)
