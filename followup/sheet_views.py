"""Pages of the status spreadsheet: download it, upload it edited, preview, then write."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup import sheet
from plans import access
from plans.forms import NO_CASES
from samordna.cleaning import CleanForm, parse_query_date

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 5 * 1024 * 1024


def _as_of(request):
    as_of, _problem = parse_query_date(request.GET.get("as_of"))
    return min(as_of, timezone.localdate()) if as_of else timezone.localdate()


def sheet_download(request, slug):
    plan = access.plan_for_view(request, slug)
    as_of = _as_of(request)
    response = HttpResponse(sheet.status_sheet(plan, as_of), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{plan.slug}-status-{as_of}.xlsx"'
    return response


class UploadForm(CleanForm):
    file = forms.FileField(label=gettext_lazy("Edited status sheet (.xlsx)"))
    as_of = forms.DateField(
        label=gettext_lazy("Status as of"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"]
        if as_of > timezone.localdate():
            raise forms.ValidationError(
                _("A status can only be given for today or an earlier date.")
            )
        return as_of

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is too large (at most 5 MB)."))
        try:
            self.rows = sheet.read_sheet(upload.read())
        except sheet.UnreadableSheet as error:
            raise forms.ValidationError(str(error)) from None
        return upload


@login_required
def sheet_upload(request, slug):
    """Upload → preview of the changes → confirm. The confirmation checks everything again."""
    plan = access.plan_for_view(request, slug)
    if not access.updatable_measure_ids(request.user, plan):
        raise PermissionDenied
    context = {"plan": plan, "no_cases": NO_CASES, "as_of": timezone.localdate()}
    if request.method == "POST" and request.POST.get("action") == "confirm":
        # Only a hand-made POST gets here with a date out of range or broken rows.
        as_of, problem = parse_query_date(request.POST.get("as_of"))
        try:
            rows = sheet.rows_from_json(json.loads(request.POST.get("rows", "[]")))
        except (ValueError, RecursionError):
            rows = None
        if problem or as_of is None or rows is None:
            lost = _("The preview was lost; please upload the file again.")
            messages.error(request, problem or lost)
            return redirect("followup:sheet_upload", plan.slug)
        as_of = min(as_of, timezone.localdate())
        result = sheet.plan_changes(plan, rows, as_of, request.user)
        if result.problems:
            form = UploadForm(initial={"as_of": as_of})
            context.update(form=form, result=result, as_of=as_of)
            return render(request, "followup/sheet_upload.html", context, status=400)
        written = sheet.apply_changes(plan, result, as_of, request.user)
        messages.success(
            request,
            _("%(count)s status updates were written.") % {"count": len(written)},
        )
        return redirect(plan)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            as_of = form.cleaned_data["as_of"]
            result = sheet.plan_changes(plan, form.rows, as_of, request.user)
            context.update(
                form=form,
                result=result,
                as_of=as_of,
                rows=json.dumps(sheet.rows_json(form.rows), ensure_ascii=False),
            )
            return render(
                request,
                "followup/sheet_upload.html",
                context,
                status=400 if result.problems else 200,
            )
        context["form"] = form
        return render(request, "followup/sheet_upload.html", context, status=400)
    context["form"] = UploadForm(initial={"as_of": timezone.localdate()})
    return render(request, "followup/sheet_upload.html", context)
