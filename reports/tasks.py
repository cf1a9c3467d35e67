"""Background tasks of reports: making the PDF of a large report (see background.py)."""

from django.db.models import Q
from django.utils import timezone, translation
from django_tasks import task

from reports import formats
from reports.models import FileState, ReportFile


@task()
def make_pdf(pk):
    """Render a queued ReportFile; a second run finds it made and does nothing."""
    claimed = ReportFile.objects.filter(Q(content__isnull=True), pk=pk, state=FileState.QUEUED)
    report_file = claimed.first()
    if report_file is None:
        return "gone"
    source = report_file.source
    try:
        with translation.override(source["language"]):
            # The one renderer call: made faster elsewhere, never duplicated here.
            content = formats.render("pdf", source["report"], source["comparison"])
    except Exception as error:  # shown on the page, which offers to try again
        claimed.update(
            state=FileState.FAILED,
            error=f"{type(error).__name__}: {error}"[:1000],
            finished_at=timezone.now(),
        )
        return "failed"
    claimed.update(state=FileState.READY, content=content, finished_at=timezone.now())
    return "ready"
