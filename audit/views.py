"""The "History of changes" page of a plan, for those who may edit it."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from audit.trail import action_label, actor_name, field_changes, model_label, plan_trail
from plans import access

PER_PAGE = 50


@login_required
def plan_history(request, slug):
    plan = access.plan_for_edit(request, slug)
    page = Paginator(plan_trail(plan), PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "entry": entry,
            "actor": actor_name(entry),
            "action": action_label(entry),
            "model": model_label(entry),
            "changes": field_changes(entry),
        }
        for entry in page
    ]
    return render(request, "audit/plan_history.html", {"plan": plan, "page": page, "rows": rows})
