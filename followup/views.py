"""Writing status updates on measures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.forms import StatusUpdateForm
from followup.models import Source
from followup.status import record_status
from plans import access
from plans.forms import NO_CASES


@login_required
@require_POST
def status_create(request, slug, pk):
    measure = access.measure_for_status(request, slug, pk)
    form = StatusUpdateForm(request.POST, measure=measure)
    if not form.is_valid():
        return render(
            request,
            "followup/status_form_page.html",
            {"form": form, "measure": measure, "plan": measure.plan, "no_cases": NO_CASES},
            status=400,
        )
    stale = form.is_stale()
    data = form.cleaned_data
    record_status(
        measure,
        data["as_of"],
        data["state"],
        data["done"],
        data["remaining"],
        request.user,
        scope=data.get("scope") or "",
        source=Source.FORM,
    )
    if stale:
        messages.warning(
            request,
            _(
                "Someone else wrote a status for this measure while you were writing. "
                "Both are kept; check the history below that the newest is right."
            ),
        )
    else:
        messages.success(request, _("The status was saved."))
    return redirect(measure)
