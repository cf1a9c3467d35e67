"""Pages of the plan check: one plan against its frameworks, tagging measures with framework
items, and every visible plan side by side."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frameworks import registry, suggest
from frameworks.check import check_plan, chosen_frameworks, load_facts
from frameworks.models import PlanFramework, Tag, TagState
from plans import access
from plans.models import PlanKind, PlanLanguage
from samordna.query import whole_number

PLANS_PER_PAGE = 20


def check_page(request, slug):
    plan = access.plan_for_view(request, slug)
    can_edit = access.can_edit(request.user, plan)
    chosen = {f.id for f in chosen_frameworks(plan)}
    return render(
        request,
        "frameworks/check.html",
        {
            "plan": plan,
            "check": check_plan(plan),
            "can_edit": can_edit,
            "all_frameworks": [
                {"id": f.id, "title": f.label(), "chosen": f.id in chosen}
                for f in registry.all_frameworks().values()
            ],
        },
    )


def check_json(request, slug):
    plan = access.plan_for_view(request, slug)
    return JsonResponse(check_plan(plan), json_dumps_params={"ensure_ascii": False})


def check_summary(request, slug):
    """The check in one line, for the plan page (loaded after the page, so it never slows it)."""
    plan = access.plan_for_view(request, slug)
    return render(request, "frameworks/_summary.html", {"plan": plan, "check": check_plan(plan)})


@login_required
@require_POST
def choose_frameworks(request, slug):
    plan = access.plan_for_edit(request, slug)
    known = registry.all_frameworks()
    wanted = [f for f in request.POST.getlist("framework") if f in known]
    if not wanted:
        messages.error(request, _("Choose at least one framework."))
        return redirect("frameworks:check", plan.slug)
    with transaction.atomic():
        PlanFramework.objects.filter(plan=plan).exclude(framework__in=wanted).delete()
        for framework in wanted:
            PlanFramework.objects.get_or_create(plan=plan, framework=framework)
    messages.success(request, _("The plan is now held against the frameworks you chose."))
    return redirect("frameworks:check", plan.slug)


def _tag_rows(facts, framework):
    """One row per area and measure, with each coverage item's mark: confirmed, suggested or none."""
    rows = []
    for kind, objects, text in (
        ("area", facts.areas, suggest.area_text),
        ("measure", facts.measures, suggest.measure_text),
    ):
        for obj in objects:
            cells = []
            for requirement in framework.coverage:
                state = facts.tags.get((kind, obj.pk, framework.id, requirement.id))
                words = suggest.matches(requirement, text(obj))
                suggested = bool(words)
                cells.append(
                    {
                        "name": f"{kind}-{obj.pk}-{requirement.id}",
                        "state": state,
                        "item": requirement.label(),
                        "checked": state == TagState.CONFIRMED
                        or (suggested and state != TagState.REJECTED),
                        "confirmed": state == TagState.CONFIRMED,
                        "matched": suggested,
                        "suggested": suggested and state is None,
                        "words": ", ".join(words),
                    }
                )
            rows.append({"kind": kind, "object": obj, "cells": cells})
    return rows


@login_required
def tags(request, slug, framework_id):
    plan = access.plan_for_edit(request, slug)
    framework = registry.get(framework_id)
    if framework is None or not framework.coverage:
        raise Http404
    facts = load_facts(plan)
    rows = _tag_rows(facts, framework)
    if request.method == "POST":
        with transaction.atomic():
            for row in rows:
                owner = {row["kind"]: row["object"]}
                for requirement, cell in zip(framework.coverage, row["cells"], strict=True):
                    if cell["name"] in request.POST:
                        state = TagState.CONFIRMED
                    elif cell["matched"]:
                        state = TagState.REJECTED
                    else:
                        state = None
                    if state == cell["state"]:
                        continue  # unchanged: no write, no audit entry, no version bump
                    lookup = {**owner, "framework": framework.id, "item": requirement.id}
                    if state is None:
                        Tag.objects.filter(**lookup).delete()
                    else:
                        Tag.objects.update_or_create(
                            **lookup, defaults={"state": state, "decided_by": request.user}
                        )
        messages.success(request, _("The tags are saved."))
        return redirect("frameworks:check", plan.slug)
    return render(
        request,
        "frameworks/tags.html",
        {
            "plan": plan,
            "framework": framework,
            "items": [r.label() for r in framework.coverage],
            "rows": rows,
        },
    )


def across(request):
    """Every plan the user may see, each against its frameworks, side by side."""
    plans = access.visible_plans(request.user).order_by("title")
    kind = request.GET.get("kind", "")
    language = request.GET.get("language", "")
    if kind in PlanKind.values:
        plans = plans.filter(kind=kind)
    if language in PlanLanguage.values:
        plans = plans.filter(language=language)
    page = Paginator(plans, PLANS_PER_PAGE).get_page(whole_number(request.GET.get("page")) or 1)
    # One table per framework: the plans held against it × its requirements.
    tables = {}
    for plan in page:
        for framework in check_plan(plan)["frameworks"]:
            table = tables.setdefault(
                framework["id"],
                {
                    "title": framework["title"],
                    "requirements": [r["text"] for r in framework["requirements"]],
                    "rows": [],
                },
            )
            table["rows"].append(
                {"plan": plan, "results": [r["result"] for r in framework["requirements"]]}
            )
    return render(
        request,
        "frameworks/across.html",
        {
            "page": page,
            "tables": list(tables.values()),
            "kind": kind,
            "language": language,
            "kinds": PlanKind.choices,
            "plan_languages": PlanLanguage.choices,
        },
    )
