"""Minutes of a meeting as PDF (WeasyPrint) and Word (python-docx)."""

import io

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _


def _context(meeting):
    return {
        "meeting": meeting,
        "group": meeting.group,
        "agenda": meeting.agenda.select_related("measure"),
        "decisions": meeting.decisions.select_related("measure", "status_update"),
        "members": meeting.group.members.all(),
    }


def minutes_pdf(meeting):
    from weasyprint import HTML

    return HTML(
        string=render_to_string("cooperation/minutes_pdf.html", _context(meeting))
    ).write_pdf()


def minutes_docx(meeting):
    from docx import Document

    context = _context(meeting)
    document = Document()
    document.add_heading(_("Minutes: %(group)s") % {"group": meeting.group.name}, level=1)
    when = formats.date_format(meeting.starts_at, "DATETIME_FORMAT")
    document.add_paragraph(f"{when}{' · ' + meeting.location if meeting.location else ''}")
    if context["members"]:
        document.add_paragraph(_("Members") + ": " + ", ".join(m.name for m in context["members"]))
    document.add_heading(_("Agenda"), level=2)
    for item in context["agenda"]:
        document.add_paragraph(item.title, style="List Number")
    document.add_heading(_("Minutes"), level=2)
    for paragraph in (meeting.minutes or "").split("\n\n"):
        if paragraph.strip():
            document.add_paragraph(paragraph.strip())
    document.add_heading(_("Decisions"), level=2)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, label in zip(
        table.rows[0].cells, [_("Decision"), _("Kind"), _("Measure")], strict=True
    ):
        cell.text = label
    for decision in context["decisions"]:
        row = table.add_row().cells
        row[0].text = decision.text
        row[1].text = str(decision.get_kind_display())
        row[2].text = str(decision.measure) if decision.measure else ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
