"""The report as a PDF (WeasyPrint): A4, page numbers, plan and date on every page."""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from indicators import charts as trends
from reports import charts


def report_pdf(report, comparison=None):
    from weasyprint import HTML

    html = render_to_string("reports/report_pdf.html", report_context(report, comparison))
    return HTML(string=html).write_pdf()


def report_context(report, comparison=None):
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
        "area_chart": charts.svg(charts.area_rows(report), _chart_title("areas"))
        if report["areas"]
        else "",
        "indicator_trends": [
            {**i, "svg": trends.svg(i), "summary": trends.describe(i)}
            for i in report.get("indicators", [])
        ],
        "responsible_chart": charts.svg(
            charts.responsible_rows(report), _chart_title("responsible")
        )
        if report["responsible"]
        else "",
    }


def _chart_title(kind):
    from django.utils.translation import gettext as _

    return _("Status per goal area") if kind == "areas" else _("Status per responsible")
