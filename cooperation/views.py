"""Pages of a plan's cooperation structure: groups, meetings and minutes, adoption,
the annual wheel, reporting obligations and calendar feeds."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cooperation import feeds, minutes, wheel
from cooperation.duties import make_obligations, obligation_state
from cooperation.forms import (
    AdoptionForm,
    AgendaItemForm,
    AnnualEntryForm,
    DecisionForm,
    DutyForm,
    GroupForm,
    MeetingForm,
    MemberFormSet,
    MinutesForm,
)
from cooperation.models import AgendaItem, AnnualEntry, FeedToken, Group, Meeting, Obligation
from followup.models import Source, State
from followup.status import record_status, status_as_of
from plans import access, invitations
from plans.forms import NO_CASES
from plans.models import Adoption, Contact
from samordna.query import whole_number


def structure(request, slug):
    plan = access.plan_for_view(request, slug)
    today = timezone.localdate()
    obligations = list(
        Obligation.objects.filter(duty__plan=plan).select_related(
            "duty__to_group", "report__plan", "meeting"
        )
    )
    for obligation in obligations:
        obligation.state = obligation_state(obligation, today)
    adoptions = list(plan.adoptions.select_related("organisation"))
    can_edit = access.can_edit(request.user, plan)
    return render(
        request,
        "cooperation/structure.html",
        {
            "plan": plan,
            "groups": Group.objects.filter(plans=plan).prefetch_related("members"),
            "adoptions": adoptions,
            "overdue_adoptions": [
                a for a in adoptions if a.state == "pending" and a.deadline and a.deadline < today
            ],
            "obligations": obligations,
            "today": today,
            "can_edit": can_edit,
            "feeds": FeedToken.objects.filter(plan=plan, revoked_at__isnull=True)
            if can_edit
            else [],
            "group_feeds": FeedToken.objects.filter(
                group__plans=plan, revoked_at__isnull=True
            ).select_related("group")
            if can_edit
            else [],
            "reports": list(plan.reports.select_related("plan")) if can_edit else [],
            "new_feed": request.session.pop("new_feed", None),
        },
    )


def _group(request, slug, pk, edit=False):
    plan = (access.plan_for_edit if edit else access.plan_for_view)(request, slug)
    return plan, get_object_or_404(Group, plans=plan, pk=pk)


def group_detail(request, slug, pk):
    plan, group = _group(request, slug, pk)
    return render(
        request,
        "cooperation/group_detail.html",
        {
            "plan": plan,
            "group": group,
            "members": group.members.select_related("contact", "organisation"),
            "meetings": group.meetings.all(),
            "next_dates": wheel.occurrences_preview(group),
            "can_edit": access.can_edit(request.user, plan),
            "meeting_form": MeetingForm(initial={"location": group.location}),
        },
    )


@login_required
def group_form(request, slug, pk=None):
    plan = access.plan_for_edit(request, slug)
    group = get_object_or_404(Group, plans=plan, pk=pk) if pk else Group()
    form = GroupForm(request.POST or None, instance=group)
    formset = MemberFormSet(request.POST or None, instance=group, prefix="members")
    # Other organisations' people are offered only once their organisation takes part.
    usable = access.usable_contacts(request.user, plan)
    if group.pk:
        usable = usable | Contact.objects.filter(group_memberships__group=group)
    for subform in formset.forms + [formset.empty_form]:
        subform.fields["contact"].queryset = (
            usable.distinct().select_related("organisation").order_by("name")
        )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            is_new = group.pk is None
            group = form.save()
            if is_new:
                group.plans.add(plan)
            formset.instance = group
            for position, subform in enumerate(formset.forms):
                subform.instance.position = position
            formset.save()
            members = group.members.select_related("organisation", "contact__organisation")
            waiting = invitations.invite_participants(
                plan,
                [m.organisation for m in members]
                + [m.contact.organisation for m in members if m.contact],
                request.user,
            )
        messages.success(request, _("The group was saved."))
        invitations.say_invited(request, waiting)
        return redirect("cooperation:group", plan.slug, group.pk)
    return render(
        request,
        "cooperation/group_form.html",
        {
            "plan": plan,
            "group": group,
            "form": form,
            "formset": formset,
        },
    )


@login_required
@require_POST
def meetings_from_cadence(request, slug, pk):
    plan, group = _group(request, slug, pk, edit=True)
    if not (group.recurrence and group.first_meeting):
        messages.error(request, _("Give the group a meeting rule and a first meeting first."))
    else:
        created = feeds.plan_meetings(group)
        messages.success(
            request,
            _("%(count)s meetings were planned for the coming year.") % {"count": len(created)},
        )
    return redirect("cooperation:group", plan.slug, group.pk)


@login_required
@require_POST
def meeting_create(request, slug, pk):
    plan, group = _group(request, slug, pk, edit=True)
    form = MeetingForm(request.POST)
    if form.is_valid():
        meeting = form.save(commit=False)
        meeting.group = group
        meeting.save()
        return redirect("cooperation:meeting", plan.slug, meeting.pk)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("cooperation:group", plan.slug, group.pk)


def _meeting(request, slug, pk, edit=False):
    plan = (access.plan_for_edit if edit else access.plan_for_view)(request, slug)
    meeting = get_object_or_404(Meeting.objects.select_related("group"), group__plans=plan, pk=pk)
    return plan, meeting


def meeting_detail(request, slug, pk):
    plan, meeting = _meeting(request, slug, pk)
    can_edit = access.can_edit(request.user, plan)
    forms = {}
    if can_edit:
        forms = {
            "edit_form": MeetingForm(instance=meeting),
            "minutes_form": MinutesForm(instance=meeting),
            "agenda_form": AgendaItemForm(plan=plan),
            "decision_form": DecisionForm(plan=plan),
        }
    return render(
        request,
        "cooperation/meeting_detail.html",
        {
            "plan": plan,
            "meeting": meeting,
            "can_edit": can_edit,
            "no_cases": NO_CASES,
            "agenda": meeting.agenda.select_related("measure"),
            "decisions": meeting.decisions.select_related("measure", "status_update"),
            **forms,
        },
    )


@login_required
@require_POST
def meeting_update(request, slug, pk, part):
    plan, meeting = _meeting(request, slug, pk, edit=True)
    if part == "details":
        form = MeetingForm(request.POST, instance=meeting)
    elif part == "minutes":
        form = MinutesForm(request.POST, instance=meeting)
    elif part == "agenda":
        form = AgendaItemForm(request.POST, plan=plan)
    elif part == "decision":
        form = DecisionForm(request.POST, plan=plan)
    else:
        raise Http404
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
        return redirect("cooperation:meeting", plan.slug, meeting.pk)
    with transaction.atomic():
        if part in ("details", "minutes"):
            form.save()
        elif part == "agenda":
            item = form.save(commit=False)
            item.meeting = meeting
            item.position = (meeting.agenda.aggregate(m=Max("position"))["m"] or 0) + 1
            item.save()
        else:
            decision = form.save(commit=False)
            decision.meeting = meeting
            decision.position = (meeting.decisions.aggregate(m=Max("position"))["m"] or 0) + 1
            if decision.kind == "status":
                decision.status_update = record_status(
                    decision.measure,
                    timezone.localdate(meeting.starts_at),
                    form.cleaned_data["state"],
                    decision.text,
                    author=request.user,
                    source=Source.MINUTES,
                    author_name=_("%(group)s, meeting %(date)s")
                    % {
                        "group": meeting.group.name,
                        "date": timezone.localdate(meeting.starts_at).isoformat(),
                    },
                )
            decision.save()
    messages.success(request, _("Saved."))
    return redirect("cooperation:meeting", plan.slug, meeting.pk)


@login_required
@require_POST
def agenda_pull(request, slug, pk):
    """Put measures on the agenda: those that changed state since the group's last meeting,
    and those whose period has ended without being done."""
    plan, meeting = _meeting(request, slug, pk, edit=True)
    today = timezone.localdate(meeting.starts_at)
    # Changes since the group last met: a meeting that was only planned (never held, no
    # minutes) showed the group nothing, so it does not narrow the window.
    previous = next(
        (
            m
            for m in meeting.group.meetings.filter(starts_at__lt=meeting.starts_at).order_by(
                "-starts_at"
            )
            if m.took_place
        ),
        None,
    )
    since = (
        timezone.localdate(previous.starts_at) if previous else today - datetime.timedelta(days=90)
    )
    measures = list(plan.measures.all())
    before, now = status_as_of(plan, since, measures), status_as_of(plan, today, measures)
    already = set(meeting.agenda.exclude(measure=None).values_list("measure_id", flat=True))
    position = meeting.agenda.aggregate(m=Max("position"))["m"] or 0
    added = 0
    for measure in measures:
        changed = before[measure.pk].state != now[measure.pk].state
        overdue = (
            measure.timing == "period"
            and measure.timing_end
            and measure.timing_end < today
            and now[measure.pk].state not in (State.DONE, State.DISCONTINUED)
        )
        if measure.pk in already or not (changed or overdue):
            continue
        position += 1
        reason = (
            (_("changed to %(state)s") % {"state": State(now[measure.pk].state).label})
            if changed
            else _("overdue")
        )
        AgendaItem.objects.create(
            meeting=meeting, measure=measure, position=position, title=f"{measure} ({reason})"
        )
        added += 1
    messages.success(
        request,
        ngettext(
            "%(count)s measure was put on the agenda.",
            "%(count)s measures were put on the agenda.",
            added,
        )
        % {"count": added},
    )
    return redirect("cooperation:meeting", plan.slug, meeting.pk)


def meeting_file(request, slug, pk, fmt):
    plan, meeting = _meeting(request, slug, pk)
    if fmt == "ics":
        content, kind = feeds.meeting_ics(meeting), "text/calendar; charset=utf-8"
    elif fmt == "pdf":
        content, kind = minutes.minutes_pdf(meeting), "application/pdf"
    elif fmt == "docx":
        content = minutes.minutes_docx(meeting)
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise Http404
    response = HttpResponse(content, content_type=kind)
    name = f"{meeting.group.name}-{meeting.starts_at:%Y-%m-%d}".replace(" ", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def adoption_form(request, slug, pk=None):
    plan = access.plan_for_edit(request, slug)
    adoption = get_object_or_404(Adoption, plan=plan, pk=pk) if pk else Adoption(plan=plan)
    form = AdoptionForm(request.POST or None, instance=adoption)
    if request.method == "POST" and form.is_valid():
        adoption = form.save(commit=False)
        if not adoption.pk:
            adoption.position = (plan.adoptions.aggregate(m=Max("position"))["m"] or 0) + 1
        adoption.save()
        messages.success(request, _("The decision was saved."))
        return redirect(reverse("cooperation:structure", args=[plan.slug]) + "#adoption")
    return render(
        request,
        "cooperation/form.html",
        {
            "plan": plan,
            "form": form,
            "title": _("Decision on the plan"),
        },
    )


def wheel_page(request, slug):
    plan = access.plan_for_view(request, slug)
    today = timezone.localdate()
    default_year = today.year  # this year, whatever the plan's period; the form moves on
    year = whole_number(request.GET.get("year", str(default_year)), 1900, 2200)
    month = whole_number(request.GET.get("month", "0"), 0, 12)
    if year is None or month is None:
        messages.warning(
            request, _("That is not a year and month Samordna can show; showing this year.")
        )
        year, month = default_year, 0
    events = wheel.events_in_year(plan, year)
    months = wheel.by_month(events)
    return render(
        request,
        "cooperation/wheel.html",
        {
            "plan": plan,
            "year": year,
            "month": month,
            "svg": wheel.wheel_svg(plan, year, events),
            "months": [
                (datetime.date(year, m, 1), months[m])
                for m in range(1, 13)
                if not month or m == month
            ],
            "labels": wheel.kind_labels(),
            "entries": AnnualEntry.objects.filter(plan=plan)
            if access.can_edit(request.user, plan)
            else [],
            "month_choices": [
                (m, formats.date_format(datetime.date(year, m, 1), "F")) for m in range(1, 13)
            ],
            "can_edit": access.can_edit(request.user, plan),
        },
    )


def wheel_svg(request, slug):
    plan = access.plan_for_view(request, slug)
    year = whole_number(request.GET.get("year"), 1900, 2200) or timezone.localdate().year
    svg = wheel.wheel_svg(plan, year, wheel.events_in_year(plan, year))
    return HttpResponse(svg, content_type="image/svg+xml")


@login_required
def entry_form(request, slug):
    plan = access.plan_for_edit(request, slug)
    form = AnnualEntryForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        entry.plan = plan
        entry.save()
        messages.success(request, _("The date was added to the annual wheel."))
        return redirect("cooperation:wheel", plan.slug)
    return render(
        request,
        "cooperation/form.html",
        {"plan": plan, "form": form, "title": _("New date on the annual wheel")},
    )


@login_required
def duty_form(request, slug):
    plan = access.plan_for_edit(request, slug)
    form = DutyForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        duty = form.save(commit=False)
        duty.plan = plan
        duty.save()
        make_obligations(duty)
        messages.success(request, _("The reporting obligation and its dates were created."))
        return redirect(reverse("cooperation:structure", args=[plan.slug]) + "#obligations")
    return render(
        request,
        "cooperation/form.html",
        {"plan": plan, "form": form, "title": _("New reporting obligation")},
    )


@login_required
@require_POST
def obligation_done(request, slug, pk):
    plan = access.plan_for_edit(request, slug)
    obligation = get_object_or_404(Obligation, duty__plan=plan, pk=pk)
    report = plan.reports.filter(pk=whole_number(request.POST.get("report"))).first()
    meeting = Meeting.objects.filter(
        group__plans=plan, pk=whole_number(request.POST.get("meeting"))
    ).first()
    obligation.report, obligation.meeting = report, meeting
    obligation.done_at = timezone.now()
    obligation.save()
    messages.success(request, _("The obligation is marked as done."))
    return redirect(reverse("cooperation:structure", args=[plan.slug]) + "#obligations")


@login_required
@require_POST
def obligations_done(request, slug):
    """Mark several obligations done at once, each with the report that fulfilled it."""
    plan = access.plan_for_edit(request, slug)
    chosen = [whole_number(pk) for pk in request.POST.getlist("obligation")]
    obligations = list(
        Obligation.objects.filter(duty__plan=plan, pk__in=[pk for pk in chosen if pk])
    )
    reports = {r.pk: r for r in plan.reports.all()}
    now = timezone.now()
    for obligation in obligations:
        obligation.report = reports.get(whole_number(request.POST.get(f"report-{obligation.pk}")))
        obligation.done_at = obligation.done_at or now
    Obligation.objects.bulk_update(obligations, ["report", "done_at"])
    if obligations:
        messages.success(
            request,
            ngettext(
                "%(count)s obligation is marked as done.",
                "%(count)s obligations are marked as done.",
                len(obligations),
            )
            % {"count": len(obligations)},
        )
    else:
        messages.error(request, _("Choose the obligations that are done."))
    return redirect(reverse("cooperation:structure", args=[plan.slug]) + "#obligations")


@login_required
@require_POST
def feed_create(request, slug):
    plan = access.plan_for_edit(request, slug)
    group = Group.objects.filter(plans=plan, pk=whole_number(request.POST.get("group"))).first()
    token = feeds.new_feed(request.user, plan=None if group else plan, group=group)
    request.session["new_feed"] = request.build_absolute_uri(
        reverse("cooperation:feed", args=[token])
    )
    return redirect(reverse("cooperation:structure", args=[plan.slug]) + "#feeds")


@login_required
@require_POST
def feed_revoke(request, slug, pk):
    plan = access.plan_for_edit(request, slug)
    feed = get_object_or_404(FeedToken, pk=pk, revoked_at__isnull=True)
    if feed.plan_id != plan.pk and not (
        feed.group_id and feed.group.plans.filter(pk=plan.pk).exists()
    ):
        raise Http404
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at"])
    messages.success(request, _("The feed address no longer works."))
    return redirect(reverse("cooperation:structure", args=[plan.slug]) + "#feeds")


@login_required
@require_POST
def contact_feed_create(request, pk):
    access.directory_for_edit(request)
    contact = get_object_or_404(access.editable_contacts(request.user), pk=pk)
    token = feeds.new_feed(request.user, contact=contact)
    messages.success(
        request,
        _("Calendar address for %(name)s: %(url)s")
        % {
            "name": contact.name,
            "url": request.build_absolute_uri(reverse("cooperation:feed", args=[token])),
        },
    )
    return redirect("plans:contacts")


@login_required
@require_POST
def contact_feed_revoke(request, pk):
    access.directory_for_edit(request)
    contact = get_object_or_404(access.editable_contacts(request.user), pk=pk)
    contact.feedtoken_set.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    messages.success(
        request, _("The calendar addresses of %(name)s no longer work.") % {"name": contact.name}
    )
    return redirect("plans:contacts")


def feed(request, token):
    content = feeds.feed_for_token(token)
    if content is None:
        raise Http404
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")


@login_required
@require_POST
def remove(request, slug, kind, pk):
    """Delete a meeting, an agenda item, a wheel entry or an adoption row of this plan.

    Status updates that decisions made stay in the measures' history.
    """
    plan = access.plan_for_edit(request, slug)
    # kind: (model, how it belongs to this plan, where to go back to)
    kinds = {
        "meeting": (
            Meeting,
            {"group__plans": plan},
            lambda t: reverse("cooperation:group", args=[slug, t.group_id]),
        ),
        "agenda": (
            AgendaItem,
            {"meeting__group__plans": plan},
            lambda t: reverse("cooperation:meeting", args=[slug, t.meeting_id]),
        ),
        "entry": (AnnualEntry, {"plan": plan}, lambda t: reverse("cooperation:wheel", args=[slug])),
        "adoption": (
            Adoption,
            {"plan": plan},
            lambda t: reverse("cooperation:structure", args=[slug]) + "#adoption",
        ),
    }
    if kind not in kinds:
        raise Http404
    model, scope, back_to = kinds[kind]
    target = get_object_or_404(model.objects.filter(**scope).distinct(), pk=pk)
    back = back_to(target)
    target.delete()
    messages.success(request, _("Deleted."))
    return redirect(back)
