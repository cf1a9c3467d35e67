"""The report as a PDF (WeasyPrint): A4 landscape, page numbers, plan and date on every page.

Landscape gives the six-column measure table room, and long charts are drawn in parts
that each fit on a page, since an image cannot break across pages.
"""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from indicators import charts as trends
from reports import charts


def report_pdf(report, comparison=None):
    from weasyprint import HTML

    html = render_to_string(
        "reports/report_pdf.html", report_context(report, comparison, chart_part=PDF_CHART_ROWS)
    )
    return HTML(string=html).write_pdf()


# Bars per chart part in the PDF: one part fits on a landscape page at a readable size.
PDF_CHART_ROWS = 18


def _chart(rows, title, part=None):
    """The chart as SVG; with `part`, several SVGs of at most `part` bars each."""
    if not part or len(rows) <= part:
        return charts.svg(rows, title)
    return "".join(
        f'<div class="chart-part">{charts.svg(rows[i : i + part], title)}</div>'
        for i in range(0, len(rows), part)
    )


def report_context(report, comparison=None, chart_part=None):
    """What report templates need beyond the report itself: charts and grouped measures."""
    by_area = {}
    for row in report["measures"]:
        by_area.setdefault(row["area_id"], []).append(row)
    sections = []
    if by_area.get(None):
        sections.append({"area": None, "measures": by_area[None]})
    for area in report["areas"]:
        comment = report["text"]["areas"].get(str(area["id"]), "")
        if by_area.get(area["id"]) or comment:
            sections.append(
                {"area": area, "measures": by_area.get(area["id"], []), "comment": comment}
            )
    return {
        "LANGUAGE_CODE": get_language(),
        "report": report,
        "comparison": comparison,
        "sections": sections,
        "area_chart": _chart(charts.area_rows(report), _chart_title("areas"), chart_part)
        if report["areas"]
        else "",
        "indicator_trends": [
            {**i, "svg": trends.svg(i), "summary": trends.describe(i)}
            for i in report.get("indicators", [])
        ],
        "responsible_chart": _chart(
            charts.responsible_rows(report), _chart_title("responsible"), chart_part
        )
        if report["responsible"]
        else "",
    }


def _chart_title(kind):
    from django.utils.translation import gettext as _

    return _("Status per goal area") if kind == "areas" else _("Status per responsible")
