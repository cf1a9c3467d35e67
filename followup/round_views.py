"""Pages of status rounds: start, adjust and send, follow progress, review, remind, close.

All of them are for those who may edit the plan (its coordinators and administrators).
"""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from followup import rounds, tasks
from followup.models import (
    Answer,
    MailState,
    RequestedMeasure,
    RoundState,
    StatusRequest,
    StatusRound,
)
from plans import access, invitations
from plans.models import Measure
from plans.ordering import measures_in_order
from samordna.cleaning import CleanForm, CleanModelForm, text_problem
from samordna.htmx import answers_partials, wants_partial
from samordna.query import whole_number


class RoundForm(CleanModelForm):
    class Meta:
        model = StatusRound
        fields = ["as_of", "deadline", "remind_days_before", "message"]
        widgets = {
            "as_of": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "message": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        cleaned = super().clean()
        as_of, deadline = cleaned.get("as_of"), cleaned.get("deadline")
        if deadline and deadline < timezone.localdate():
            self.add_error("deadline", _("The deadline has passed already."))
        if as_of and deadline and deadline < as_of:
            self.add_error("deadline", _("The deadline cannot be before the status date."))
        return cleaned


class DeadlineForm(CleanForm):
    deadline = forms.DateField(
        label=gettext_lazy("New deadline"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline has passed already."))
        return deadline


def _round(request, slug, pk):
    plan = access.plan_for_edit(request, slug)
    return get_object_or_404(StatusRound.objects.select_related("plan"), plan=plan, pk=pk)


@login_required
def round_list(request, slug):
    plan = access.plan_for_edit(request, slug)
    today = timezone.localdate()
    form = RoundForm(
        request.POST or None,
        initial={"as_of": today, "deadline": today + datetime.timedelta(days=14)},
    )
    if request.method == "POST" and form.is_valid():
        status_round = form.save(commit=False)
        status_round.plan = plan
        status_round.created_by = request.user
        status_round.save()
        rounds.propose_requests(status_round)
        messages.success(request, _("Check who is asked about which measures, then send."))
        return redirect("followup:round", plan.slug, status_round.pk)
    return render(
        request,
        "followup/round_list.html",
        {"plan": plan, "form": form, "rounds": plan.rounds.select_related("report__plan")},
    )


def progress(status_round, measures):
    """One row per request: contact, measures with their answer status, mail state.

    `measures` are the plan's in its order; each request's measures are listed in it.
    """
    rank = {measure.pk: i for i, measure in enumerate(measures)}
    requests = list(
        status_round.requests.select_related("contact__organisation").prefetch_related(
            "items__measure", "mails"
        )
    )
    items = [item for r in requests for item in r.items.all()]
    latest = rounds.latest_answers(items)
    rows = []
    for request in requests:
        ordered = sorted(request.items.all(), key=lambda i: (rank.get(i.measure_id, 0), i.scope))
        entries = [(item, rounds.item_status(latest.get(item.pk))) for item in ordered]
        statuses = [status for _item, status in entries]
        mails = list(request.mails.all())
        rows.append(
            {
                "request": request,
                "items": entries,
                "answered": statuses.count(rounds.ItemStatus.SUBMITTED)
                + statuses.count(rounds.ItemStatus.ACCEPTED),
                "drafts": statuses.count(rounds.ItemStatus.DRAFT),
                "returned": statuses.count(rounds.ItemStatus.RETURNED),
                "total": len(entries),
                "mail": mails[-1] if mails else None,
                "mail_problem": any(
                    m.state in (MailState.FAILED, MailState.UNKNOWN) for m in mails
                ),
            }
        )
    return rows


@login_required
@answers_partials
def round_detail(request, slug, pk):
    status_round = _round(request, slug, pk)
    measures = measures_in_order(status_round.plan)
    rows = progress(status_round, measures)
    submitted = Answer.objects.filter(
        item__request__round=status_round, submitted=True, review__isnull=True
    ).select_related("item__measure", "item__request__contact", "entered_by")
    # Only the newest submitted answer per item waits for review.
    latest = rounds.latest_answers(RequestedMeasure.objects.filter(request__round=status_round))
    awaiting = [a for a in submitted if latest.get(a.item_id) == a]
    context = {
        "plan": status_round.plan,
        "round": status_round,
        "rows": rows,
        # Once closed, nobody can be asked any more: those measures became unclear.
        "uncovered": []
        if status_round.state == RoundState.CLOSED
        else rounds.uncovered_measures(status_round),
        "awaiting": awaiting,
        "contacts": access.usable_contacts(request.user, status_round.plan)
        .select_related("organisation")
        .order_by("name"),
        "measures": measures,
        "deadline_form": DeadlineForm(initial={"deadline": status_round.deadline}),
        "done_count": sum(1 for r in rows if r["total"] and r["answered"] == r["total"]),
    }
    if wants_partial(request):
        return render(request, "followup/_round_progress.html", context)
    return render(request, "followup/round_detail.html", context)


@login_required
@require_POST
def round_add_item(request, slug, pk):
    status_round = _round(request, slug, pk)
    # Only people of organisations taking part (or kept by this user) can be asked.
    contact = (
        access.usable_contacts(request.user, status_round.plan)
        .filter(pk=whole_number(request.POST.get("contact")))
        .select_related("organisation")
        .first()
    )
    measure = Measure.objects.filter(
        plan=status_round.plan, pk=whole_number(request.POST.get("measure"))
    ).first()
    if status_round.state == RoundState.CLOSED or not (contact and measure):
        messages.error(request, _("Choose both a contact and a measure."))
    else:
        invitations.invite_participants(status_round.plan, [contact.organisation], request.user)
        scope = request.POST.get("scope", "")
        if scope not in measure.scopes:
            scope = rounds.scope_for(contact, measure)
        item = rounds.add_item(status_round, contact, measure, scope)
        if status_round.state == RoundState.OPEN:
            rounds.queue_mail(item.request, "request", f"request:{item.request.pk}")
            tasks.deliver_soon()
        messages.success(
            request,
            _("%(contact)s is asked about %(measure)s.")
            % {"contact": contact.name, "measure": measure},
        )
    return redirect("followup:round", slug, pk)


@login_required
@require_POST
def round_remove_item(request, slug, pk, item_pk):
    status_round = _round(request, slug, pk)
    if status_round.state != RoundState.DRAFT:
        messages.error(request, _("Once the round is sent, revoke a contact's link instead."))
        return redirect("followup:round", slug, pk)
    item = get_object_or_404(RequestedMeasure, pk=item_pk, request__round=status_round)
    request_obj = item.request
    item.delete()
    if not request_obj.items.exists():
        request_obj.delete()
    return redirect("followup:round", slug, pk)


@login_required
@require_POST
def round_send(request, slug, pk):
    status_round = _round(request, slug, pk)
    if status_round.state != RoundState.DRAFT:
        messages.info(request, _("This round has been sent already."))
    elif not status_round.requests.exists():
        messages.error(request, _("Nobody is asked yet: add contacts to the measures first."))
    else:
        rounds.open_round(status_round)
        _report_delivery(request, tasks.deliver_soon())
    return redirect("followup:round", slug, pk)


def _report_delivery(request, delivered):
    """Say what happened to the e-mails: sent and failed, or queued for the worker."""
    if delivered is None:
        messages.info(
            request,
            _(
                "The e-mails are queued and sent in the background; the list shows each one's state."
            ),
        )
        return
    sent, failed = delivered
    if sent:
        messages.success(
            request,
            ngettext("%(count)s e-mail was sent.", "%(count)s e-mails were sent.", sent)
            % {"count": sent},
        )
    if failed:
        messages.error(
            request,
            ngettext(
                "%(count)s e-mail could not be sent; it will be tried again.",
                "%(count)s e-mails could not be sent; they will be tried again.",
                failed,
            )
            % {"count": failed},
        )


def _request(status_round, request_pk):
    return get_object_or_404(StatusRequest, pk=request_pk, round=status_round)


@login_required
@require_POST
def round_remind(request, slug, pk, request_pk=None):
    status_round = _round(request, slug, pk)
    if status_round.state != RoundState.OPEN:
        messages.error(request, _("Reminders go out only while the round is open."))
        return redirect("followup:round", slug, pk)
    if request_pk:
        targets = [_request(status_round, request_pk)]
        targets = [t for t in targets if not t.revoked_at]  # a revoked link is not sent again
    else:
        targets = rounds.unanswered_requests(status_round)
    for target in targets:
        rounds.remind(target)
    _report_delivery(request, tasks.deliver_soon())
    return redirect("followup:round", slug, pk)


@login_required
@require_POST
def round_resend(request, slug, pk, request_pk):
    status_round = _round(request, slug, pk)
    target = _request(status_round, request_pk)
    if status_round.state == RoundState.OPEN and not target.revoked_at:
        rounds.resend(target)
        _report_delivery(request, tasks.deliver_soon())
    return redirect("followup:round", slug, pk)


@login_required
@require_POST
def round_revoke(request, slug, pk, request_pk):
    status_round = _round(request, slug, pk)
    target = _request(status_round, request_pk)
    rounds.revoke(target)
    messages.success(
        request, _("The links of %(contact)s no longer work.") % {"contact": target.contact.name}
    )
    return redirect("followup:round", slug, pk)


@login_required
@require_POST
def round_extend(request, slug, pk):
    status_round = _round(request, slug, pk)
    form = DeadlineForm(request.POST)
    if status_round.state == RoundState.CLOSED:
        messages.error(request, _("The round is closed."))
    elif form.is_valid():
        status_round.deadline = form.cleaned_data["deadline"]
        status_round.save(update_fields=["deadline"])
        messages.success(request, _("The deadline was moved."))
    else:
        messages.error(request, " ".join(form.errors["deadline"]))
    return redirect("followup:round", slug, pk)


@login_required
@require_POST
def round_review(request, slug, pk, answer_pk):
    status_round = _round(request, slug, pk)
    answer = get_object_or_404(
        Answer, pk=answer_pk, item__request__round=status_round, submitted=True
    )
    accepted = request.POST.get("decision") == "accept"
    comment = request.POST.get("comment", "").strip()
    if not accepted and not comment:
        messages.error(request, _("Say why the answer is sent back, so the contact can fix it."))
        return redirect("followup:round", slug, pk)
    if problem := text_problem(comment):
        messages.error(request, problem)
        return redirect("followup:round", slug, pk)
    try:
        rounds.review_answer(answer, accepted, comment, request.user)
    except rounds.AlreadyDone as done:
        messages.error(request, str(done))
        return redirect("followup:round", slug, pk)
    if not accepted:
        tasks.deliver_soon()
    messages.success(
        request, _("The answer was accepted.") if accepted else _("The answer was sent back.")
    )
    return redirect("followup:round", slug, pk)


@login_required
def round_close(request, slug, pk):
    """Closing asks first (a page of its own, so it works without JavaScript): it cannot
    be undone, and it makes every measure without an answer unclear."""
    status_round = _round(request, slug, pk)
    if status_round.state != RoundState.OPEN:
        messages.info(request, _("Only an open round can be closed."))
        return redirect("followup:round", slug, pk)
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        context = {
            "plan": status_round.plan,
            "round": status_round,
            # Measures of which closing makes at least one municipality's part unclear.
            "unanswered": len({m.pk for m, _scope in rounds.unanswered_parts(status_round)}),
            "awaiting": Answer.objects.filter(
                item__request__round=status_round, submitted=True, review__isnull=True
            ).count()
            if status_round.plan.answers_count_when == "accepted"
            else 0,
        }
        return render(request, "followup/round_close.html", context)
    try:
        report = rounds.close_round(status_round, request.user)
    except rounds.AlreadyDone as done:
        messages.error(request, str(done))
        return redirect("followup:round", slug, pk)
    messages.success(request, _("The round is closed and its report is frozen."))
    return redirect(report)


@login_required
def on_behalf(request, slug, pk, request_pk):
    """The coordinator answers for a contact; every answer records who entered it."""
    from followup.answer_views import answer_form_page

    status_round = _round(request, slug, pk)
    target = _request(status_round, request_pk)
    return answer_form_page(request, target, entered_by=request.user)
