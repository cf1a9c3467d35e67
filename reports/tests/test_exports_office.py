"""Word, Excel and CSV exports, read back with python-docx, openpyxl and the csv module.

The Mosseregionen seed plan (50 measures, statuses as of 2017-06-01) is the report: the
files must hold its measures, states and numbers as `build_report` gives them.
"""

import csv
import datetime
import io
from collections import Counter

import pytest
from django.utils.formats import date_format
from docx import Document
from openpyxl import load_workbook

from demo.loader import read_demo_plan
from followup.models import State, StatusUpdate
from interchange.load import load_plan
from plans.models import Measure
from reports.exports.csvfile import report_csv
from reports.exports.excel import report_xlsx
from reports.exports.word import report_docx
from reports.report import build_report, compare_reports

AS_OF = datetime.date(2017, 6, 1)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def seed_titles(filename="mosseregionen.json"):
    """The measures as the seed numbers them, read from the seed itself and not the report."""
    return [
        f"{m['number']}. {m['title'].strip()}" if m["number"] else m["title"].strip()
        for m in read_demo_plan(filename)["measures"]
    ]


@pytest.fixture
def plan(db):
    return load_plan(read_demo_plan("mosseregionen.json"), slug="mosseregionen")


@pytest.fixture
def report(plan):
    return build_report(plan, AS_OF)


@pytest.fixture
def comparison(plan, report):
    measure = Measure.objects.get(plan=plan, number="3")  # ongoing as of 2017-06-01
    StatusUpdate.objects.create(measure=measure, as_of=datetime.date(2017, 9, 1), state="done")
    return compare_reports(report, build_report(plan, datetime.date(2017, 10, 1)))


def open_docx(data):
    return Document(io.BytesIO(data))


def measures_table(document):
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "MEASURE"]
    return table


def shading(cell):
    shd = cell._tc.tcPr.find(f"{W}shd")
    return shd.get(f"{W}fill") if shd is not None else None


def docx_text(document):
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def test_docx_has_one_row_per_measure_with_the_seed_titles(report):
    table = measures_table(open_docx(report_docx(report)))
    assert [c.text for c in table.rows[0].cells] == ["MEASURE", "RESPONSIBLE", "STATUS"]
    assert len(table.rows) == 1 + 50
    assert [r.cells[0].text for r in table.rows[1:]] == seed_titles()
    # The header row repeats on each page.
    assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None


def test_docx_status_cell_is_shaded_and_holds_state_and_texts(report):
    table = measures_table(open_docx(report_docx(report)))
    rows = {r.cells[0].text.split(".")[0]: r for r in table.rows[1:]}
    done, ongoing = rows["1"].cells[2], rows["3"].cells[2]
    assert done.paragraphs[0].text == "Done" and done.paragraphs[0].runs[0].bold
    assert shading(done) == "C8E6C9"
    assert shading(ongoing) == "FFF3B0"
    assert ongoing.text.splitlines() == [
        "Ongoing",
        "Done: Krisesenter-barnevern Krisesenter-DPS Krisesenter-skole/bhg",
        "Remaining: Krisesenter-NAV",
    ]
    assert rows["3"].cells[1].text == "Kommunalsjefer; virksomhetsledere"


def test_docx_has_title_legend_chart_header_and_page_numbers(report):
    document = open_docx(report_docx(report))
    title = "Handlingsplan mot vold i nære relasjoner i Mosseregionen"
    assert document.paragraphs[0].text == title
    assert "Status as of June 1, 2017" in docx_text(document)
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert title in section.header.paragraphs[0].text
    instructions = [e.text for e in section.footer._element.iter(f"{W}instrText")]
    assert [i.strip() for i in instructions] == ["PAGE"]
    assert len(document.inline_shapes) >= 1
    legend = document.tables[0]
    counts = {r.cells[0].text: r.cells[1].text for r in legend.rows[1:]}
    assert counts["Done"] == str(report["summary"]["counts"]["done"]) == "11"
    assert counts["Total"] == "50"


def test_docx_puts_measures_under_their_goal_areas(db):
    plan = load_plan(read_demo_plan("rana-slt.json"), slug="rana-slt")
    text = {"summary": "Året har gått bra.", "areas": {plan.areas.first().pk: "Godt i gang."}}
    report = build_report(plan, AS_OF, text=text)
    document = open_docx(report_docx(report))
    assert "Året har gått bra." in docx_text(document)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    area_titles = [a["title"] for a in report["areas"]]
    assert [h for h in headings if h in area_titles] == area_titles
    assert "Godt i gang." in docx_text(document)
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "MEASURE"]
    assert sum(len(t.rows) - 1 for t in tables) == len(report["measures"]) == 58
    # One chart per goal area; the long chart per responsible is split, 25 bars an image.
    assert 25 < len(report["responsible"]) <= 50
    shapes = document.inline_shapes
    assert len(shapes) == 3
    assert shapes[0]._inline.docPr.get("descr").startswith(area_titles[0])


def test_docx_lists_changes_since_the_earlier_report(comparison):
    after = build_report(Measure.objects.get(number="3").plan, datetime.date(2017, 10, 1))
    text = docx_text(open_docx(report_docx(after, comparison)))
    assert "Changes since June 1, 2017" in text
    assert "3. Skriftliggjøre samarbeidsrutiner – Ongoing → Done" in text
    later = date_format(datetime.date(2017, 10, 1), "DATE_FORMAT")
    assert f"Status as of {later}" in text
    assert "14 (28 %)" in text and "13 (26 %)" in text  # ongoing before and after


def test_xlsx_measures_sheet(report):
    sheet = load_workbook(io.BytesIO(report_xlsx(report)))["Measures"]
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.max_row == len(rows) == 51
    header = rows[0]
    assert header[:2] == ("No.", "Measure") and "State code" in header
    assert sheet.auto_filter.ref == f"A1:K{len(rows)}"
    assert sheet.freeze_panes == "A2"
    status_dates = [r[header.index("Status as of")] for r in rows[1:]]
    assert all(isinstance(d, datetime.datetime) for d in status_dates)
    assert {d.date() for d in status_dates} == {AS_OF}
    assert {r[header.index("Report date")] for r in rows[1:]} == {datetime.datetime(2017, 6, 1)}
    codes = Counter(r[header.index("State code")] for r in rows[1:])
    assert {s: codes[s] for s in report["summary"]["counts"]} == report["summary"]["counts"]
    # The first measure is done: its State cell has the done tint.
    first = sheet.cell(2, header.index("State") + 1)
    assert first.value == "Done" and first.fill.fgColor.rgb.endswith("C8E6C9")
    assert [f"{r[0]}. {r[1]}" if r[0] else r[1] for r in rows[1:]] == seed_titles()


def test_xlsx_summary_numbers_agree_with_the_report(report):
    sheet = load_workbook(io.BytesIO(report_xlsx(report)))["Summary"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == report["plan"]["title"]
    assert rows[1][1] == datetime.datetime(2017, 6, 1)
    start = [r[0] for r in rows].index("State") + 1
    counts = {r[0]: r[1] for r in rows[start : start + 6]}
    labels = {s: str(State(s).label) for s in report["summary"]["counts"]}
    assert {s: counts[labels[s]] for s in labels} == report["summary"]["counts"]
    assert counts["Total"] == report["summary"]["total"] == 50
    shares = {r[0]: r[2] for r in rows[start : start + 5]}
    assert {s: shares[labels[s]] for s in labels} == report["summary"]["shares"]
    responsible = rows[[r[0] for r in rows].index("Responsible") + 1]
    first = report["responsible"][0]
    assert responsible[0] == first["name"] and responsible[-1] == first["summary"]["total"]


def test_xlsx_changes_sheet(comparison):
    after = build_report(Measure.objects.get(number="3").plan, datetime.date(2017, 10, 1))
    book = load_workbook(io.BytesIO(report_xlsx(after, comparison)))
    rows = list(book["Changes"].iter_rows(values_only=True))
    assert rows[1:] == [(3, "Skriftliggjøre samarbeidsrutiner", "Ongoing", "Done")]
    assert "Changes" not in load_workbook(io.BytesIO(report_xlsx(after))).sheetnames


def test_csv_is_utf8_with_bom_and_one_row_per_measure(report):
    data = report_csv(report)
    assert data.startswith("\ufeff".encode())
    # A Norwegian plan: semicolons, as Excel in Norwegian settings expects.
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 51 and len(rows[0]) == 11
    header = rows[0]
    assert header[0] == "No." and header[header.index("State code")] == "State code"
    assert [f"{r[0]}. {r[1]}" if r[0] else r[1] for r in rows[1:]] == seed_titles()
    titles = [r[1] for r in rows[1:]]
    assert "Tenke nytt – sammen. Samkjøre prosjekter og prosjektsøknader." in titles
    assert {r[header.index("Status as of")] for r in rows[1:]} == {"2017-06-01"}
    assert {r[header.index("Report date")] for r in rows[1:]} == {"2017-06-01"}
    codes = Counter(r[header.index("State code")] for r in rows[1:])
    assert {s: codes[s] for s in report["summary"]["counts"]} == report["summary"]["counts"]


@pytest.mark.parametrize(
    "language, separator", [("nb", ";"), ("nn", ";"), ("sv", ";"), ("en", ",")]
)
def test_csv_separator_follows_the_plans_language(report, language, separator):
    data = report_csv({**report, "plan": {**report["plan"], "language": language}})
    text = data.decode("utf-8-sig")
    assert data.startswith("\ufeff".encode())
    assert csv.Sniffer().sniff(text[:2000], delimiters=";,").delimiter == separator
    rows = list(csv.reader(io.StringIO(text), delimiter=separator))
    assert {len(row) for row in rows} == {11}
    # Texts with commas, semicolons and line breaks come back whole.
    titles = {row[1] for row in rows[1:]}
    assert "Tenke nytt – sammen. Samkjøre prosjekter og prosjektsøknader." in titles
