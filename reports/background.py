"""PDFs of large reports, made by the worker instead of inside the request.

A report with more measures than SAMORDNA_LARGE_REPORT_MEASURES is queued as a
ReportFile; its page shows "being made" until the worker has stored the PDF, then a link
to it. The file is found by a hash of what it shows, so the same report asked for twice
is made once, and a report whose data changed gets a new file (never a stale one).
"""

import datetime
import hashlib
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from reports import formats
from reports.models import FileState, ReportFile
from reports.tasks import make_pdf

# Files are kept this long after they were asked for; the next request makes one anew.
KEEP = datetime.timedelta(days=1)


def is_large(report):
    return len(report["measures"]) > settings.LARGE_REPORT_MEASURES


def file_key(source):
    text = json.dumps(source, sort_keys=True, cls=DjangoJSONEncoder)
    return hashlib.sha256(text.encode()).hexdigest()


def requested_pdf(plan, report, comparison, retry=True):
    """The ReportFile for this report, queued for the worker if it is new (or, with
    retry, if it failed before)."""
    source = json.loads(
        json.dumps(
            {"report": report, "comparison": comparison, "language": translation.get_language()},
            cls=DjangoJSONEncoder,
        )
    )
    key = file_key(source)
    found = ReportFile.objects.filter(key=key).first()
    if found and (found.state != FileState.FAILED or not retry):
        return found
    ReportFile.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    if found:  # failed before: try again
        found.delete()
    try:
        with transaction.atomic():
            made = ReportFile.objects.create(
                key=key, plan=plan, filename=formats.filename(report, "pdf"), source=source
            )
    except IntegrityError:  # asked for at the same moment on another server
        return ReportFile.objects.get(key=key)
    make_pdf.enqueue(made.pk)
    return ReportFile.objects.get(pk=made.pk)
