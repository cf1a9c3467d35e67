"""The report as a Word document (python-docx), laid out like the seed status reports.

A4 portrait: title, date and owners, the summary text, the legend, the charts, the changes
since an earlier report if one is given, then the measures in the seeds' three-column table
(measure | responsible | status) with the status cell shaded in the state's colour.
"""

import datetime
import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from followup.models import State
from indicators import charts as trends
from reports import charts
from reports.exports.csvfile import numbered_title
from reports.report import remaining_text
from reports.summary import STATES

# Light tints of the chart colours, so black text stays readable on every state.
TINTS = {
    "done": "#c8e6c9",
    "ongoing": "#fff3b0",
    "not_started": "#f8c4c4",
    "unclear": "#ffffff",
    "discontinued": "#e0e0e0",
}
MEASURE_WIDTHS = (Cm(7.5), Cm(4), Cm(5.5))
LEGEND_WIDTHS = (Cm(7), Cm(2.5), Cm(2.5))
CHANGES_WIDTHS = (Cm(7), Cm(5), Cm(5))
CHART_ROWS = 25  # bars per chart image: 25 bars make an image about 17 cm high
# Elements that must come after w:shd inside w:tcPr (the schema fixes their order).
AFTER_SHADING = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


def report_docx(report, comparison=None):
    document = Document()
    as_of = _long_date(report["as_of"])
    _set_up_pages(document, report["plan"]["title"], as_of)
    document.add_heading(report["plan"]["title"], level=0)
    document.add_paragraph(_("Status as of %(date)s") % {"date": as_of})
    if report["plan"]["owners"]:
        document.add_paragraph(f"{_('Owners')}: {', '.join(report['plan']['owners'])}")
    _add_text(document, report["text"]["summary"])
    _legend(document, report["summary"])
    if report["areas"]:
        _chart(document, charts.area_rows(report), _("Status per goal area"))
    if report["responsible"]:
        _chart(document, charts.responsible_rows(report), _("Status per responsible"))
    if comparison:
        _changes(document, comparison)
    _measures(document, report)
    _indicators(document, report.get("indicators") or [])
    _check(document, report.get("check") or {})
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _long_date(iso):
    return date_format(datetime.date.fromisoformat(iso), "DATE_FORMAT")


def _set_up_pages(document, title, as_of):
    document.styles["Normal"].font.size = Pt(10)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    section.header_distance = section.footer_distance = Cm(1)
    header = section.header.paragraphs[0]
    run = header.add_run(f"{title} – {_('Status as of %(date)s') % {'date': as_of}}")
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer)


def _page_number(paragraph):
    """A PAGE field, which Word fills in with each page's number."""
    _field_char(paragraph.add_run(), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    paragraph.add_run()._r.append(instruction)
    _field_char(paragraph.add_run(), "separate")
    paragraph.add_run("1")  # shown until the field is first updated
    _field_char(paragraph.add_run(), "end")


def _field_char(run, kind):
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)


def _add_text(document, text):
    for part in text.split("\n\n"):
        if part.strip():
            document.add_paragraph(part.strip())


def _shade(cell, colour):
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour.lstrip("#").upper())
    cell._tc.get_or_add_tcPr().insert_element_before(shading, *AFTER_SHADING)


def _table(document, header, widths):
    """A grid table whose bold header row repeats at the top of each page."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, label, width in zip(table.rows[0].cells, header, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].add_run(label).bold = True
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    return table


def _add_row(table, values, widths):
    row = table.add_row()
    # Keep each row on one page: a status cut in two is easily misread.
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    cells = row.cells
    for cell, value, width in zip(cells, values, widths, strict=True):
        cell.width = width
        if value:
            cell.paragraphs[0].add_run(value)
    return cells


def _legend(document, summary):
    table = _table(document, [_("State"), _("Count"), _("Share")], LEGEND_WIDTHS)
    for state in STATES:
        values = [
            str(State(state).label),
            str(summary["counts"][state]),
            f"{summary['shares'][state]} %",
        ]
        _shade(_add_row(table, values, LEGEND_WIDTHS)[0], TINTS[state])
    total = [_("Total"), str(summary["total"]), f"{sum(summary['shares'].values())} %"]
    for cell in _add_row(table, total, LEGEND_WIDTHS):
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _chart(document, rows, title):
    document.add_heading(title, level=2)
    # A long chart is split, since one taller than a page would be cut off at its foot.
    for start in range(0, len(rows), CHART_ROWS):
        part = rows[start : start + CHART_ROWS]
        document.add_picture(io.BytesIO(charts.png(part, title)), width=Cm(17))
        # The chart's numbers as its alternative text, for screen readers.
        document.inline_shapes[-1]._inline.docPr.set("descr", charts.describe(part))


def _changes(document, comparison):
    before, after = comparison["before"], comparison["after"]
    document.add_heading(
        _("Changes since %(date)s") % {"date": _long_date(before["as_of"])}, level=1
    )
    dates = [_("Status as of %(date)s") % {"date": _long_date(r["as_of"])} for r in (before, after)]
    table = _table(document, [_("State"), *dates], CHANGES_WIDTHS)
    for state in STATES:
        shares = [
            f"{r['summary']['counts'][state]} ({r['summary']['shares'][state]} %)"
            for r in (before, after)
        ]
        cells = _add_row(table, [str(State(state).label), *shares], CHANGES_WIDTHS)
        _shade(cells[0], TINTS[state])
    _add_row(
        table, [_("Total"), *(str(r["summary"]["total"]) for r in (before, after))], CHANGES_WIDTHS
    )
    groups = [
        (_("Changed state"), comparison["changed"]),
        (_("New measures"), comparison["new"]),
        (_("Discontinued"), comparison["discontinued"]),
    ]
    if not any(rows for _heading, rows in groups):
        document.add_paragraph(_("No measure has changed state."))
    for heading, rows in groups:
        if rows:
            document.add_heading(heading, level=2)
        for row in rows:
            change = str(State(row["state"]).label)
            if "previous_state" in row:
                change = f"{State(row['previous_state']).label} → {change}"
            document.add_paragraph(f"{numbered_title(row)} – {change}", style="List Bullet")


def _measures(document, report):
    document.add_heading(_("Measures"), level=1)
    by_area = {}
    for row in report["measures"]:
        by_area.setdefault(row["area_id"], []).append(row)
    if by_area.get(None):
        _measure_table(document, by_area[None])
    for area in report["areas"]:
        comment = report["text"]["areas"].get(str(area["id"]), "")
        # Areas with measures only in sub-areas keep their heading, so the outline stays whole.
        if not (area["summary"]["total"] or comment):
            continue
        title = f"{area['number']}. {area['title']}" if area["number"] else area["title"]
        document.add_heading(title, level=min(area["depth"] + 2, 4))
        _add_text(document, comment)
        if by_area.get(area["id"]):
            _measure_table(document, by_area[area["id"]])


def _measure_table(document, rows):
    header = [_("Measure").upper(), _("Responsible").upper(), _("Status").upper()]
    table = _table(document, header, MEASURE_WIDTHS)
    for row in rows:
        cells = _add_row(
            table, [numbered_title(row), "; ".join(row["responsible"]), ""], MEASURE_WIDTHS
        )
        status = cells[2]
        status.paragraphs[0].add_run(str(State(row["state"]).label)).bold = True
        for label, text in ((_("Done:"), row["done"]), (_("Remaining:"), remaining_text(row))):
            if text:
                status.add_paragraph(f"{label} {text}")
        _shade(status, TINTS[row["state"]])


def _indicators(document, indicators):
    if not indicators:
        return
    document.add_heading(_("Indicators"), level=1)
    for indicator in indicators:
        document.add_heading(indicator["name"], level=2)
        if indicator["source"]:
            document.add_paragraph(f"{_('Source')}: {indicator['source']}")
        summary = trends.describe(indicator)
        if indicator["values"] or indicator["baseline"]:
            document.add_picture(io.BytesIO(trends.png(indicator)), width=Cm(15))
            document.inline_shapes[-1]._inline.docPr.set("descr", summary)
        document.add_paragraph(summary)


CHECK_WIDTHS = (Cm(7), Cm(2.5), Cm(7.5))


def _check(document, check):
    if not check.get("frameworks"):
        return
    document.add_heading(_("Plan check"), level=1)
    labels = {"met": _("Met"), "partly": _("Partly"), "missing": _("Missing")}
    tints = {"met": TINTS["done"], "partly": TINTS["ongoing"], "missing": TINTS["unclear"]}
    for framework in check["frameworks"]:
        document.add_heading(framework["title"], level=2)
        table = _table(
            document, [_("Requirement"), _("Result"), _("What Samordna found")], CHECK_WIDTHS
        )
        for requirement in framework["requirements"]:
            cells = _add_row(
                table,
                [
                    requirement["text"],
                    str(labels[requirement["result"]]),
                    "; ".join(requirement["evidence"]),
                ],
                CHECK_WIDTHS,
            )
            _shade(cells[1], tints[requirement["result"]])
