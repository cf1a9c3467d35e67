"""Pages for a plan's indicators: the trends, typing an indicator and its values, and
uploading values from a spreadsheet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators import charts, tabular
from indicators.forms import IndicatorForm, UploadForm, ValueForm
from indicators.models import Indicator
from indicators.series import plan_indicators
from plans import access

MAX_UPLOAD = 2 * 1024 * 1024


def with_charts(indicators):
    """Each indicator dict with its SVG trend and the trend in words."""
    return [{**i, "svg": charts.svg(i), "summary": charts.describe(i)} for i in indicators]


def indicator_list(request, slug):
    plan = access.plan_for_view(request, slug)
    return render(
        request,
        "indicators/indicator_list.html",
        {
            "plan": plan,
            "indicators": with_charts(plan_indicators(plan)),
            "can_edit": access.can_edit(request.user, plan),
        },
    )


def indicator_section(request, slug):
    """The trends as a section of the plan page (loaded after the page; empty without indicators)."""
    plan = access.plan_for_view(request, slug)
    return render(
        request,
        "indicators/_section.html",
        {"plan": plan, "indicators": with_charts(plan_indicators(plan))},
    )


def indicator_json(request, slug):
    plan = access.plan_for_view(request, slug)
    return JsonResponse(
        plan_indicators(plan), safe=False, json_dumps_params={"ensure_ascii": False}
    )


@login_required
def indicator_form(request, slug, pk=None):
    plan = access.plan_for_edit(request, slug)
    indicator = get_object_or_404(Indicator, plan=plan, pk=pk) if pk else Indicator(plan=plan)
    form = IndicatorForm(request.POST or None, instance=indicator, plan=plan)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if not indicator.pk:
                form.instance.position = plan.indicators.count() + 1
            form.save()
        messages.success(request, _("The indicator is saved."))
        return redirect("indicators:list", plan.slug)
    return render(
        request,
        "indicators/indicator_form.html",
        {
            "plan": plan,
            "indicator": indicator,
            "form": form,
            "value_form": ValueForm(indicator=indicator) if indicator.pk else None,
        },
    )


@login_required
@require_POST
def indicator_delete(request, slug, pk):
    plan = access.plan_for_edit(request, slug)
    indicator = get_object_or_404(Indicator, plan=plan, pk=pk)
    indicator.delete()
    messages.success(request, _("The indicator “%(name)s” is deleted.") % {"name": indicator.name})
    return redirect("indicators:list", plan.slug)


@login_required
@require_POST
def value_add(request, slug, pk):
    plan = access.plan_for_edit(request, slug)
    indicator = get_object_or_404(Indicator, plan=plan, pk=pk)
    form = ValueForm(request.POST, indicator=indicator)
    if form.is_valid():
        form.instance.indicator = indicator
        form.save()
        messages.success(request, _("The value is saved."))
        return redirect("indicators:edit", plan.slug, indicator.pk)
    return render(
        request,
        "indicators/indicator_form.html",
        {
            "plan": plan,
            "indicator": indicator,
            "form": IndicatorForm(instance=indicator, plan=plan),
            "value_form": form,
        },
        status=400,
    )


@login_required
@require_POST
def value_delete(request, slug, pk, value_pk):
    plan = access.plan_for_edit(request, slug)
    indicator = get_object_or_404(Indicator, plan=plan, pk=pk)
    get_object_or_404(indicator.values, pk=value_pk).delete()
    messages.success(request, _("The value is deleted."))
    return redirect("indicators:edit", plan.slug, indicator.pk)


@login_required
def indicator_upload(request, slug):
    plan = access.plan_for_edit(request, slug)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_UPLOAD:
                raise tabular.TableError([_("The file is larger than 2 MB.")])
            values = tabular.parse(tabular.read_rows(upload.name, upload.read()))
        except tabular.TableError as error:
            problems = error.problems
        else:
            indicators, count = tabular.save(plan, values)
            messages.success(
                request,
                _("%(values)d values saved for %(indicators)d indicators.")
                % {"values": count, "indicators": indicators},
            )
            return redirect("indicators:list", plan.slug)
    return render(
        request,
        "indicators/indicator_upload.html",
        {"plan": plan, "form": form, "problems": problems},
        status=400 if problems else 200,
    )
