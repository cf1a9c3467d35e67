"""The download formats of a report: exporter, content type and file extension."""

from django.utils.module_loading import import_string

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


def filename(report, fmt):
    return f"{report['plan']['slug']}-{report['as_of']}.{fmt}"
