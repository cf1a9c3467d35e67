"""Pages for plans, goal areas and measures: list, read as of a date, create and edit."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.forms import StatusUpdateForm
from followup.models import StatusUpdate
from followup.status import status_as_of
from interchange.export import export_plan
from plans import access, invitations, pagecache
from plans.forms import NO_CASES, AreaForm, MeasureForm, PlanForm, ResponsibilityFormSet
from plans.models import Area, Measure, Responsibility
from plans.ordering import next_position, ordered_areas, ordered_measures
from reports.summary import summarise
from samordna.cleaning import parse_query_date
from samordna.htmx import answers_partials, wants_partial
from samordna.query import whole_number


def parse_as_of(query):
    """The as-of date in a query's `as_of`, today if none; a bad date says so and uses today."""
    today = timezone.localdate()
    value, problem = parse_query_date(query.get("as_of", ""))
    if problem:
        return today, _("%(problem)s Showing today instead.") % {"problem": problem}
    return value or today, None


def plan_list(request):
    plans = list(
        access.visible_plans(request.user)
        .prefetch_related("ownerships__organisation")
        .select_related("parent")
        .order_by("title")
    )
    # The list is every plan the user may read: a parent among them may be named.
    visible = {plan.pk for plan in plans}
    for plan in plans:
        plan.visible_parent = plan.parent if plan.parent_id in visible else None
    return render(
        request,
        "plans/plan_list.html",
        {"plans": plans, "can_create": access.can_create_plans(request.user)},
    )


def plan_tree(plan, as_of):
    """The plan's areas and measures in the plan's order, with each measure's status."""
    areas = list(Area.objects.filter(plan=plan))
    measures = list(
        Measure.objects.filter(plan=plan).prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("organisation"),
            )
        )
    )
    measures = ordered_measures(measures, areas)
    statuses = status_as_of(plan, as_of, measures)
    for measure in measures:
        measure.status = statuses[measure.pk]
    by_area, children = {}, {}
    for measure in measures:
        by_area.setdefault(measure.area_id, []).append(measure)
    for area, _depth in ordered_areas(areas):
        children.setdefault(area.parent_id, []).append(area)

    def section(area, depth):
        return {
            "area": area,
            "depth": min(depth, 4),
            "measures": by_area.get(area.pk, []),
            "sections": [section(child, depth + 1) for child in children.get(area.pk, [])],
        }

    sections = [section(area, 2) for area in children.get(None, [])]
    return by_area.get(None, []), sections, measures, statuses


@answers_partials
def plan_detail(request, slug):
    plan = access.plan_for_view(request, slug)
    as_of, date_error = parse_as_of(request.GET)
    if date_error:
        messages.warning(request, date_error)
    today = timezone.localdate()
    viewer = pagecache.viewer_key(request.user)
    partial = wants_partial(request)
    parts = [as_of, today, partial]
    etag = pagecache.etag_for(request, plan, "plan", viewer, parts)
    if response := pagecache.not_modified(request, etag):
        return response
    template = "plans/_plan_status.html" if partial else "plans/_plan_page.html"
    body = pagecache.fragment(
        plan,
        "plan",
        viewer,
        parts,
        # A partial carries the date's links outside it as out-of-band swaps.
        lambda: render_to_string(
            template,
            {**_plan_context(request, plan, as_of, today), "out_of_band": partial},
            request,
        ),
    )
    if partial:
        response = HttpResponse(body)
    else:
        response = render(request, "plans/plan_detail.html", {"plan": plan, "body": body})
    # One URL, two bodies: a browser must not answer an htmx request with the whole page.
    patch_vary_headers(response, ["HX-Request"])
    return pagecache.stamp(response, etag, plan)


def _plan_context(request, plan, as_of, today):
    loose, sections, measures, statuses = plan_tree(plan, as_of)
    summary = summarise(plan, as_of, measures, statuses)
    numbered = {}
    for measure in measures:
        numbered.setdefault(measure.number, measure)
    for measure in measures:
        measure.ref_links = [(ref, numbered.get(ref)) for ref in measure.refs]
    can_edit = access.can_edit(request.user, plan)
    return {
        "plan": plan,
        "as_of": as_of,
        "today": today,
        "loose_measures": loose,
        "sections": sections,
        "summary": summary,
        "owners": [o.organisation for o in plan.ownerships.select_related("organisation")],
        "parent_visible": bool(plan.parent) and access.can_view(request.user, plan.parent),
        "child_plans": access.visible_plans(request.user).filter(parent=plan),
        "groups": plan.groups.prefetch_related("members"),
        "adoptions": plan.adoptions.select_related("organisation"),
        "can_edit": can_edit,
        # Rows link to measures by this prefix rather than reversing a URL per row.
        "measure_base": reverse("plans:measure", args=[plan.slug, 0]).removesuffix("0/"),
        "invitations": invitations.pending(plan) if can_edit else [],
    }


def plan_json(request, slug):
    """The plan in the interchange format: the JSON twin of the plan page."""
    plan = access.plan_for_view(request, slug)
    document = export_plan(plan)
    if plan.parent and not access.can_view(request.user, plan.parent):
        document["parent"] = None  # not this reader's to know
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})


@login_required
def plan_create(request):
    if not access.can_create_plans(request.user):
        raise PermissionDenied
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            plan = form.save()
        messages.success(request, _("The plan was created."))
        invitations.say_invited(request, invitations.pending(plan))
        return redirect(plan)
    return render(request, "plans/plan_form.html", {"form": form})


@login_required
def plan_edit(request, slug):
    plan = access.plan_for_edit(request, slug)
    # The form works on a copy: a refused edit (say, an empty slug) must not change the
    # plan the page shows in its links and headings.
    form = PlanForm(request.POST or None, instance=copy.copy(plan), user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            plan = form.save()
        messages.success(request, _("The plan was saved."))
        invitations.say_invited(request, invitations.pending(plan))
        return redirect(plan)
    return render(
        request,
        "plans/plan_form.html",
        {"form": form, "plan": plan, "invitations": invitations.pending(plan)},
    )


@login_required
def area_form(request, slug, pk=None):
    plan = access.plan_for_edit(request, slug)
    area = get_object_or_404(Area, plan=plan, pk=pk) if pk else Area(plan=plan)
    form = AreaForm(request.POST or None, instance=area, plan=plan)
    if request.method == "POST" and form.is_valid():
        area = form.save(commit=False)
        if not area.pk:
            area.position = next_position(plan)
        area.save()
        messages.success(request, _("The goal area was saved."))
        return redirect(plan)
    return render(request, "plans/area_form.html", {"form": form, "plan": plan, "area": area})


@login_required
def measure_form(request, slug, pk=None):
    plan = access.plan_for_edit(request, slug)
    measure = get_object_or_404(Measure, plan=plan, pk=pk) if pk else Measure(plan=plan)
    area_id = whole_number(request.GET.get("area"))
    if not pk and area_id:
        measure.area = Area.objects.filter(plan=plan, pk=area_id).first()
    form = MeasureForm(request.POST or None, instance=measure, plan=plan)
    formset = ResponsibilityFormSet(request.POST or None, instance=measure, prefix="responsible")
    offered = access.nameable_organisations(request.user, plan).order_by("name")
    for subform in formset.forms:
        subform.fields["organisation"].queryset = offered
    # Both are checked, so every problem is listed at once.
    valid = request.method == "POST" and all([form.is_valid(), formset.is_valid()])
    if valid:
        with transaction.atomic():
            measure = form.save(commit=False)
            if not measure.pk:
                measure.position = next_position(plan)
            measure.save()
            formset.instance = measure
            for position, subform in enumerate(formset.forms):
                if subform in formset.deleted_forms or not subform.has_changed():
                    continue
                subform.instance.position = position
            formset.save()
            waiting = invitations.invite_participants(
                plan,
                [r.organisation for r in measure.responsibilities.select_related("organisation")],
                request.user,
            )
        messages.success(request, _("The measure was saved."))
        invitations.say_invited(request, waiting)
        return redirect(measure)
    return render(
        request,
        "plans/measure_form.html",
        {"form": form, "formset": formset, "plan": plan, "measure": measure, "no_cases": NO_CASES},
    )


def measure_detail(request, slug, pk):
    measure = access.measure_for_view(request, slug, pk)
    plan = measure.plan
    today = timezone.localdate()
    can_update = access.can_update_status(request.user, measure)
    viewer = pagecache.viewer_key(request.user)
    parts = [measure.pk, today]
    # The status form carries a CSRF token, so a page with it is not answered with a 304.
    etag = None if can_update else pagecache.etag_for(request, plan, "measure", viewer, parts)
    if response := pagecache.not_modified(request, etag):
        return response
    context = {"plan": plan, "measure": measure, "no_cases": NO_CASES, "form": None}
    if can_update:
        context["form"] = StatusUpdateForm(measure=measure, initial={"as_of": today})
    # The page's head and history are cached; the form between them is made each time.
    made = {}

    def content():
        if not made:
            made.update(_measure_context(request, plan, measure, today))
        return made

    for name, template in [
        ("head", "plans/_measure_head.html"),
        ("history", "plans/_measure_history.html"),
    ]:
        context[name] = pagecache.fragment(
            plan,
            f"measure-{name}",
            viewer,
            parts,
            lambda template=template: render_to_string(template, content(), request),
        )
    response = render(request, "plans/measure_detail.html", context)
    return pagecache.stamp(response, etag, plan)


def _measure_context(request, plan, measure, today):
    history = list(
        StatusUpdate.objects.filter(measure=measure)
        .select_related("author", "round", "answer__review__reviewed_by")
        .order_by("-as_of", "-created_at", "-id")
    )
    current = status_as_of(plan, today, [measure])[measure.pk]
    referenced = {
        m.number: m for m in plan.measures.filter(number__in=measure.refs).order_by("position")
    }
    return {
        "plan": plan,
        "measure": measure,
        "history": history,
        "current": current,
        "refs": [(ref, referenced.get(ref)) for ref in measure.refs],
        "can_edit": access.can_edit(request.user, plan),
    }


@login_required
@require_POST
def measure_delete(request, slug, pk):
    """A measure without any status can go; one with a history is discontinued instead,
    because the history is never deleted."""
    plan = access.plan_for_edit(request, slug)
    measure = get_object_or_404(Measure, plan=plan, pk=pk)
    if measure.status_updates.exists():
        messages.error(
            request,
            _(
                "This measure has a status history, which is never deleted. Give it the state "
                "“Discontinued” instead."
            ),
        )
        return redirect(measure)
    measure.delete()
    messages.success(request, _("The measure was deleted."))
    return redirect(plan)


@login_required
@require_POST
def area_delete(request, slug, pk):
    plan = access.plan_for_edit(request, slug)
    area = get_object_or_404(Area, plan=plan, pk=pk)
    if area.measures.exists() or area.children.exists():
        messages.error(
            request, _("Only an empty goal area can be deleted: move its measures and areas first.")
        )
        return redirect("plans:area_edit", plan.slug, area.pk)
    area.delete()
    messages.success(request, _("The goal area was deleted."))
    return redirect(plan)
