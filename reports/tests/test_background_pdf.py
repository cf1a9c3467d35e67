"""PDFs of large reports are made by the worker; the page waits and then links to them."""

from django.urls import reverse

from conftest import add_update
from reports.models import FileState, ReportFile
from reports.tasks import make_pdf

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def pdf_url(plan):
    return reverse("reports:download", args=[plan.slug, "pdf"]) + "?as_of=2026-01-01"


def test_a_large_report_is_made_by_the_worker_then_linked(world, login, settings):
    settings.TASKS = DATABASE_TASKS
    settings.LARGE_REPORT_MEASURES = 1
    client = login(world["coordinator"])
    url = pdf_url(world["plan"])
    page = client.get(url)
    assert page["Content-Type"].startswith("text/html")
    assert "Queued: the PDF is being made" in page.content.decode()
    assert 'hx-trigger="every 3s"' in page.content.decode()
    assert client.get(url).status_code == 200 and ReportFile.objects.count() == 1  # asked twice
    report_file = ReportFile.objects.get()
    assert make_pdf.call(report_file.pk) == "ready"
    assert make_pdf.call(report_file.pk) == "gone"  # a second run makes nothing again
    partial = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "Ready." in partial and "handlingsplan-moss-2026-01-01.pdf" in partial
    download = client.get(url)
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")


def test_a_change_in_the_plan_makes_a_new_pdf(world, login, settings):
    settings.TASKS = DATABASE_TASKS
    settings.LARGE_REPORT_MEASURES = 1
    client = login(world["coordinator"])
    client.get(pdf_url(world["plan"]))
    first = ReportFile.objects.get()
    make_pdf.call(first.pk)
    add_update(world["other_measure"], "2025-12-01", "done")
    page = client.get(pdf_url(world["plan"]))
    assert "Queued" in page.content.decode()  # not the stale file
    assert ReportFile.objects.count() == 2


def test_a_small_report_is_made_in_the_request(world, login, settings):
    settings.TASKS = DATABASE_TASKS
    response = login(world["coordinator"]).get(pdf_url(world["plan"]))
    assert response["Content-Type"] == "application/pdf"
    assert not ReportFile.objects.exists()


def test_a_failed_pdf_says_so_and_is_tried_again(world, login, settings, monkeypatch):
    settings.TASKS = DATABASE_TASKS
    settings.LARGE_REPORT_MEASURES = 1
    client = login(world["coordinator"])
    client.get(pdf_url(world["plan"]))

    def broken(*args):
        raise RuntimeError("no fonts")

    monkeypatch.setattr("reports.formats.render", broken)
    assert make_pdf.call(ReportFile.objects.get().pk) == "failed"
    page = client.get(pdf_url(world["plan"]), HTTP_HX_REQUEST="true").content.decode()
    assert "could not be made" in page and "no fonts" in page
    client.get(pdf_url(world["plan"]))  # "try again" queues it anew
    assert ReportFile.objects.get().state == FileState.QUEUED


def test_others_cannot_fetch_a_plan_they_may_not_see(world, login, settings):
    settings.LARGE_REPORT_MEASURES = 1
    assert login(world["outsider"]).get(pdf_url(world["plan"])).status_code == 404
