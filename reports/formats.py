"""The download formats of a report: exporter, content type and file extension."""

from django.utils.module_loading import import_string
from django.utils.text import slugify

from plans.models import NORDIC_LETTERS

FORMATS = {
    "pdf": ("reports.exports.pdf.report_pdf", "application/pdf"),
    "docx": (
        "reports.exports.word.report_docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (
        "reports.exports.excel.report_xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "csv": ("reports.exports.csvfile.report_csv", "text/csv; charset=utf-8"),
    "json": ("reports.exports.render_json", "application/json"),
}


def render(fmt, report, comparison=None):
    """The report in one of FORMATS as bytes."""
    exporter = import_string(FORMATS[fmt][0])
    return exporter(report, comparison)


def filename(report, fmt, comparison=None):
    """A file name that says what is in the file: plan, date, comparison and filters,
    e.g. `mosseregionen-2017-06-01-compared-2016-12-01-state-done.csv`."""
    parts = [report["plan"]["slug"], report["as_of"]]
    if comparison:
        parts += ["compared", comparison["before"]["as_of"]]
    labels = {str(a["id"]): a["label"] for a in report.get("choices", {}).get("areas", [])}
    for key, value in report.get("filters", {}).items():
        value = labels.get(str(value), value) if key == "area" else value
        parts += [key, slugify(str(value).translate(NORDIC_LETTERS))[:40] or "x"]
    return "-".join(parts) + f".{fmt}"
