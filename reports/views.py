"""Report pages: a plan's report as of any date, comparisons, downloads and saved reports."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from plans import access, pagecache
from plans.views import parse_as_of
from reports import background, formats
from reports.exports.pdf import report_context
from reports.models import FileState, Report, start_report
from reports.report import Filters, build_report, compare_reports
from samordna.cleaning import CleanForm, parse_query_date


def _compare_date(request, query=None):
    raw = (request.GET if query is None else query).get("compare", "")
    value, problem = parse_query_date(raw)
    if problem:
        messages.warning(request, _("Nothing to compare with: %(problem)s") % {"problem": problem})
    return value


def _live_report(request, plan):
    as_of, error = parse_as_of(request.GET)
    if error:
        messages.warning(request, error)
    filters = Filters.from_query(request.GET)
    report = build_report(plan, as_of, filters)
    comparison = None
    compare = _compare_date(request)
    if compare:
        comparison = compare_reports(build_report(plan, compare, filters), report)
    return report, comparison


def report_page(request, slug):
    plan = access.plan_for_view(request, slug)
    report, comparison = _live_report(request, plan)
    query = {"as_of": report["as_of"], **report["filters"]}
    if comparison:
        query["compare"] = comparison["before"]["as_of"]
    context = {
        **report_context(report, comparison),
        "plan": plan,
        "query": urlencode(query),
        "can_edit": access.can_edit(request.user, plan),
        "saved_reports": visible_reports(request.user, plan),
        "compare": comparison["before"]["as_of"] if comparison else "",
    }
    return render(request, "reports/report.html", context)


def _download(request, plan, report, comparison, fmt):
    if fmt not in formats.FORMATS:
        raise Http404
    if fmt == "pdf" and background.is_large(report):
        return _pdf_from_worker(request, plan, report, comparison)
    response = HttpResponse(
        formats.render(fmt, report, comparison), content_type=formats.FORMATS[fmt][1]
    )
    name = formats.filename(report, fmt, comparison)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Downloads made often and quickly enough to keep; PDFs and Word files are made each time.
CACHED_FORMATS = {"csv", "xlsx", "json"}


def report_download(request, slug, fmt):
    plan = access.plan_for_view(request, slug)
    if fmt not in CACHED_FORMATS:
        report, comparison = _live_report(request, plan)
        return _download(request, plan, report, comparison, fmt)
    if fmt not in formats.FORMATS:
        raise Http404
    # The report is the same for everyone who may read the plan; a bad date falls back to
    # today, so today is part of the key.
    parts = [fmt, sorted(request.GET.lists()), timezone.localdate()]
    viewer = "any"
    etag = pagecache.etag_for(request, plan, "download", viewer, parts)
    if response := pagecache.not_modified(request, etag):
        return response

    def make():
        report, comparison = _live_report(request, plan)
        return (
            formats.render(fmt, report, comparison),
            formats.filename(report, fmt, comparison),
        )

    content, filename = pagecache.cached_bytes(plan, "download", parts, make)
    response = HttpResponse(content, content_type=formats.FORMATS[fmt][1])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return pagecache.stamp(response, etag, plan)


@login_required
@require_POST
def report_create(request, slug):
    plan = access.plan_for_edit(request, slug)
    as_of, error = parse_as_of(request.POST)
    if error:
        messages.error(request, error)
        return redirect("reports:page", plan.slug)
    # The report keeps the view it was started from: its filters and its comparison.
    filters = Filters.from_query(request.POST)
    compare = _compare_date(request, request.POST)
    report = start_report(
        plan, as_of, request.user, filters=filters.as_query(), compare_as_of=compare
    )
    messages.success(request, _("The report was started. Write its summary, then freeze it."))
    return redirect(report)


class ReportTextForm(CleanForm):
    title = forms.CharField(label=gettext_lazy("Title"), required=False, max_length=300)
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        for area in areas:
            self.fields[f"area_{area['id']}"] = forms.CharField(
                label=_("Comment on %(area)s")
                % {
                    "area": f"{area['number']}. {area['title']}"
                    if area["number"]
                    else area["title"]
                },
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )


def visible_reports(user, plan):
    """Frozen reports for readers; drafts too for those who may edit the plan."""
    reports = plan.reports.select_related("plan")
    return reports if access.can_edit(user, plan) else reports.filter(frozen_at__isnull=False)


def _saved(request, slug, pk):
    plan = access.plan_for_view(request, slug)
    return plan, get_object_or_404(visible_reports(request.user, plan), pk=pk)


def _build_saved(report_obj):
    """A saved report's content as of now, in its filters, with its chosen comparison."""
    plan, filters = report_obj.plan, Filters.from_saved(report_obj.filters)
    content = build_report(plan, report_obj.as_of, filters, text=report_obj.text())
    if report_obj.compare_as_of:
        before = build_report(plan, report_obj.compare_as_of, filters)
        content["comparison"] = compare_reports(before, content)
    return content


def _saved_content(report_obj):
    """A saved report's content and its comparison: the one it was started with, if any,
    else with the plan's previous frozen report. A frozen report keeps both as frozen."""
    content = report_obj.snapshot if report_obj.is_frozen else _build_saved(report_obj)
    if content.get("comparison"):
        return content, content["comparison"]
    previous = (
        Report.objects.filter(
            plan=report_obj.plan, frozen_at__isnull=False, as_of__lt=report_obj.as_of
        )
        .exclude(pk=report_obj.pk)
        .order_by("-as_of", "-frozen_at")
        .first()
    )
    comparison = compare_reports(previous.snapshot, content) if previous else None
    return content, comparison


def saved_report(request, slug, pk):
    plan, report_obj = _saved(request, slug, pk)
    can_edit = access.can_edit(request.user, plan)
    content, comparison = _saved_content(report_obj)
    form = None
    if can_edit and not report_obj.is_frozen:
        initial = {"title": report_obj.title, "summary": report_obj.summary}
        initial.update({f"area_{k}": v for k, v in report_obj.area_comments.items()})
        form = ReportTextForm(request.POST or None, initial=initial, areas=content["areas"])
        if request.method == "POST" and form.is_valid():
            report_obj.title = form.cleaned_data["title"]
            report_obj.summary = form.cleaned_data["summary"]
            report_obj.area_comments = {
                str(a["id"]): form.cleaned_data[f"area_{a['id']}"]
                for a in content["areas"]
                if form.cleaned_data.get(f"area_{a['id']}")
            }
            report_obj.save()
            messages.success(request, _("The report text was saved."))
            return redirect(report_obj)
    elif request.method == "POST":
        raise Http404
    context = {
        **report_context(content, comparison),
        "plan": plan,
        "saved": report_obj,
        "form": form,
        "can_edit": can_edit,
        "query": "",
        "saved_reports": visible_reports(request.user, plan),
    }
    return render(request, "reports/report.html", context)


@login_required
@require_POST
def saved_report_freeze(request, slug, pk):
    plan = access.plan_for_edit(request, slug)
    report_obj = get_object_or_404(Report, plan=plan, pk=pk)
    if report_obj.is_frozen:
        messages.info(request, _("This report is frozen already."))
    else:
        report_obj.freeze(_build_saved(report_obj))
        messages.success(request, _("The report is frozen: its numbers will not change."))
    return redirect(report_obj)


def saved_report_download(request, slug, pk, fmt):
    plan, report_obj = _saved(request, slug, pk)
    content, comparison = _saved_content(report_obj)
    return _download(request, plan, content, comparison, fmt)


def _pdf_from_worker(request, plan, report, comparison):
    """A large report's PDF: the file once the worker has made it, else a page that waits."""
    # The page's polling only looks; opening the address again retries a failed file.
    report_file = background.requested_pdf(plan, report, comparison, retry=not request.htmx)
    if report_file.state == FileState.READY and not request.htmx:
        response = HttpResponse(bytes(report_file.content), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{report_file.filename}"'
        return response
    template = "reports/_pdf_state.html" if request.htmx else "reports/pdf_wait.html"
    return render(
        request,
        template,
        {"plan": plan, "file": report_file, "url": request.get_full_path(), "report": report},
    )
