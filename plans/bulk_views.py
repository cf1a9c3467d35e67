"""Pages for many measures at once: paste → preview → create, and the measures' order."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from plans import access, bulk, invitations
from plans.forms import NO_CASES
from plans.models import Area, Measure
from samordna.query import whole_number

MAX_TEXT = 200_000


@login_required
def measure_paste(request, slug):
    """Paste rows from Excel or Word; "preview" shows each row and its errors, "create"
    checks again and creates them all, or none."""
    plan = access.plan_for_edit(request, slug)
    areas = bulk.area_tree(plan)
    text = request.POST.get("rows", "")[:MAX_TEXT]
    area = None
    area_id = whole_number(request.POST.get("area"))
    if area_id:
        area = Area.objects.filter(plan=plan, pk=area_id).first()
    context = {"plan": plan, "areas": areas, "text": text, "area": area, "no_cases": NO_CASES}
    if request.method != "POST":
        return render(request, "plans/measure_paste.html", context)
    rows = bulk.parse_rows(text, plan)
    errors = sum(1 for row in rows if row.errors)
    context.update(rows=rows, errors=errors)
    if not rows:
        messages.error(request, _("Paste at least one row."))
        return render(request, "plans/measure_paste.html", context, status=400)
    # The organisations offered are the measure form's; naming one is an invitation.
    offered = access.nameable_organisations(request.user, plan)
    named = bulk.named_organisations(rows, offered)
    if request.POST.get("action") == "create" and not errors:
        with transaction.atomic():
            created = bulk.create_measures(plan, rows, area, organisations=offered)
            waiting = invitations.invite_participants(plan, named, request.user)
        messages.success(
            request,
            ngettext(
                "%(count)s measure was created.", "%(count)s measures were created.", len(created)
            )
            % {"count": len(created)},
        )
        invitations.say_invited(request, waiting)
        return redirect(plan)
    context["to_invite"] = invitations.would_wait(plan, named, request.user)
    return render(request, "plans/measure_paste.html", context, status=400 if errors else 200)


@login_required
def measure_order(request, slug):
    plan = access.plan_for_edit(request, slug)
    measures = list(Measure.objects.filter(plan=plan).select_related("area"))
    groups = {}
    for measure in measures:
        groups.setdefault(measure.area_id, []).append(measure)
    sections = [
        {"area": None, "measures": groups.get(None, [])},
        *(
            {"area": area, "measures": groups.get(area.pk, [])}
            for area, _depth in bulk.area_tree(plan)
        ),
    ]
    return render(
        request,
        "plans/measure_order.html",
        {"plan": plan, "sections": [s for s in sections if s["measures"]]},
    )


@login_required
@require_POST
def measure_sort(request, slug):
    plan = access.plan_for_edit(request, slug)
    bulk.sort_by_number(plan)
    messages.success(request, _("The measures are in number order."))
    return redirect("plans:measure_order", plan.slug)


@login_required
@require_POST
def measure_move(request, slug, pk, direction):
    plan = access.plan_for_edit(request, slug)
    measure = get_object_or_404(Measure, plan=plan, pk=pk)
    if direction not in ("up", "down"):
        raise Http404
    bulk.move(measure, -1 if direction == "up" else 1)
    return redirect(reverse("plans:measure_order", args=[plan.slug]) + f"#measure-{measure.pk}")
