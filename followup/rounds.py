"""Status rounds: who is asked, secret links, answers, reviews, reminders and closing.

Plain functions used by the round pages, the contacts' link page and `send-reminders`.
Mail is queued as OutgoingMail rows first and delivered after, so a failed send is
retried and a crashed run never sends the same mail twice.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from followup.models import (
    Answer,
    FailedLinkAttempt,
    LinkToken,
    MailKind,
    MailState,
    Note,
    OutgoingMail,
    RequestedMeasure,
    Review,
    RoundState,
    Source,
    State,
    StatusRequest,
    StatusRound,
    StatusUpdate,
    status_writes_in_bulk,
)
from followup.status import record_status
from plans import access
from plans.models import Measure
from plans.ordering import measures_in_order

MAX_ATTEMPTS = 5
# A mail claimed longer ago than this by a run that never finished: that run crashed.
STALE_CLAIM = datetime.timedelta(minutes=15)
GUESS_WINDOW = datetime.timedelta(minutes=10)
GUESS_LIMIT = 20


# Who is asked


def scope_for(contact, measure):
    """The municipality a contact answers for on a measure answered per municipality."""
    organisation = contact.organisation.name.casefold()
    for scope in measure.scopes:
        if scope.casefold() in organisation:
            return scope
    return ""


def propose_requests(status_round):
    """Ask every contact responsible for a measure of the plan: by name, or via their organisation."""
    measures = Measure.objects.filter(plan=status_round.plan).prefetch_related(
        "responsibilities__contact__organisation", "responsibilities__organisation__contacts"
    )
    # People of an organisation that has not accepted to take part are not asked (nor e-mailed).
    admitted = access.admitted_organisation_ids(status_round.plan)
    for measure in measures:
        contacts = []
        for responsibility in measure.responsibilities.all():
            if responsibility.contact_id:
                contacts.append(responsibility.contact)
            elif responsibility.organisation_id:
                contacts.extend(responsibility.organisation.contacts.all())
        for contact in dict.fromkeys(c for c in contacts if c.organisation_id in admitted):
            add_item(status_round, contact, measure, scope_for(contact, measure))


def add_item(status_round, contact, measure, scope=""):
    request, _created = StatusRequest.objects.get_or_create(round=status_round, contact=contact)
    item, _created = RequestedMeasure.objects.get_or_create(
        request=request, measure=measure, scope=scope
    )
    return item


def uncovered_measures(status_round):
    """Measures of the plan that nobody in the round is asked about, in the plan's order."""
    asked = RequestedMeasure.objects.filter(request__round=status_round).values("measure_id")
    plan = status_round.plan
    return measures_in_order(plan, Measure.objects.filter(plan=plan).exclude(pk__in=asked))


# Links


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(request):
    """A new secret link token for a request; only its hash is kept."""
    token = secrets.token_urlsafe(32)
    LinkToken.objects.create(request=request, token_hash=token_hash(token))
    return token


def link_url(token):
    return settings.SITE_URL.rstrip("/") + f"/r/{token}/"


def grace_period():
    return datetime.timedelta(days=settings.LINK_GRACE_DAYS)


def too_many_guesses(address):
    since = timezone.now() - GUESS_WINDOW
    return FailedLinkAttempt.objects.filter(address=address, at__gte=since).count() >= GUESS_LIMIT


def note_failed_attempt(address):
    FailedLinkAttempt.objects.filter(at__lt=timezone.now() - GUESS_WINDOW).delete()
    FailedLinkAttempt.objects.create(address=address)


def request_for_token(token):
    """(request, problem): problem is None, "unknown", "revoked" or "expired"."""
    link = (
        LinkToken.objects.filter(token_hash=token_hash(token))
        .select_related("request__round__plan", "request__contact")
        .first()
    )
    if link is None:
        return None, "unknown"
    request = link.request
    if link.revoked_at or request.revoked_at:
        return None, "revoked"
    status_round = request.round
    if status_round.state == RoundState.DRAFT:
        return None, "unknown"
    if status_round.state == RoundState.CLOSED and (
        timezone.now() > status_round.closed_at + grace_period()
    ):
        return None, "expired"
    return request, None


def note_opened(request):
    now = timezone.now()
    StatusRequest.objects.filter(pk=request.pk, first_opened_at__isnull=True).update(
        first_opened_at=now
    )
    StatusRequest.objects.filter(pk=request.pk).update(last_opened_at=now)


# Answers


class ItemStatus:
    NOT_ANSWERED = "not_answered"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"


def latest_answers(items):
    """The newest answer per requested measure (None where there is none), in one query."""
    latest = {}
    answers = (
        Answer.objects.filter(item__in=items).select_related("review").order_by("created_at", "id")
    )
    for answer in answers:
        latest[answer.item_id] = answer
    return latest


def item_status(answer):
    if answer is None:
        return ItemStatus.NOT_ANSWERED
    if not answer.submitted:
        return ItemStatus.DRAFT
    review = getattr(answer, "review", None)
    if review is None:
        return ItemStatus.SUBMITTED
    return ItemStatus.ACCEPTED if review.accepted else ItemStatus.RETURNED


def _record_status(answer, user):
    """The status update an answer makes in the measure's history."""
    item = answer.item
    request = item.request
    name = request.contact.name
    if answer.entered_by_id:
        by = answer.entered_by.get_full_name() or answer.entered_by.get_username()
        name = _("%(contact)s (entered by %(user)s)") % {"contact": name, "user": by}
    return record_status(
        item.measure,
        request.round.as_of,
        answer.state,
        answer.done,
        answer.remaining,
        user,
        scope=item.scope,
        source=Source.ROUND,
        author_name=name,
        round=request.round,
        answer=answer,
    )


@transaction.atomic
def save_answers(request, answers, submit, entered_by=None):
    """Store the answers {item: (state, done, remaining)}; submitted ones may count at once.

    Nothing is overwritten: every save is a new Answer row.
    """
    counts_at_once = request.round.plan.answers_count_when == "submitted"
    created = []
    for item, (state, done, remaining) in answers.items():
        answer = Answer.objects.create(
            item=item,
            state=state,
            done=done,
            remaining=remaining,
            submitted=submit,
            entered_by=entered_by,
        )
        if submit and counts_at_once:
            _record_status(answer, entered_by)
        created.append(answer)
    return created


class AlreadyDone(Exception):
    """Another coordinator got there first: the message says who and when."""


def _by_at(user, at):
    name = (user.get_full_name() or user.get_username()) if user else _("someone")
    return {"user": name, "at": formats.date_format(timezone.localtime(at), "DATETIME_FORMAT")}


@transaction.atomic
def review_answer(answer, accepted, comment, user):
    """Accept or send back an answer once; a second review raises AlreadyDone."""
    # Lock the answer so that two coordinators reviewing at once queue up here, and the
    # second sees the first's review instead of failing on the one-review constraint.
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    earlier = Review.objects.filter(answer=answer).select_related("reviewed_by").first()
    if earlier is not None:
        raise AlreadyDone(
            _("This answer was already reviewed by %(user)s at %(at)s.")
            % _by_at(earlier.reviewed_by, earlier.reviewed_at)
        )
    review = Review.objects.create(
        answer=answer, accepted=accepted, comment=comment, reviewed_by=user
    )
    plan = answer.item.request.round.plan
    if accepted and plan.answers_count_when == "accepted":
        _record_status(answer, user)
    if not accepted:
        counted = StatusUpdate.objects.filter(answer=answer).first()
        if counted:
            _take_back(counted, user)
        queue_mail(answer.item.request, MailKind.RETURNED, f"returned:{answer.pk}", answer=answer)
    return review


def _take_back(counted, user):
    """An answer sent back stops counting: the status before it is written again.

    The coordinator's comment goes to the contact only (Review.comment and the e-mail);
    the public history gets the system's note, shown in each reader's language.
    """
    before = (
        StatusUpdate.objects.filter(
            measure=counted.measure, scope=counted.scope, as_of__lte=counted.as_of
        )
        .exclude(pk=counted.pk)
        .exclude(created_at__gt=counted.created_at)
        .order_by("-as_of", "-created_at", "-id")
        .first()
    )
    record_status(
        counted.measure,
        counted.as_of,
        before.state if before else State.UNCLEAR,
        before.done if before else "",
        before.remaining if before else "",
        user,
        scope=counted.scope,
        source=Source.ROUND,
        note=Note.SENT_BACK,
        round=counted.round,
    )


# Mail


def queue_mail(request, kind, key, answer=None):
    """Queue one e-mail (with a fresh link) unless one with this key was queued before.

    `answer` is the answer a "sent back" mail is about.
    """
    if OutgoingMail.objects.filter(key=key).exists():
        return None
    try:
        with transaction.atomic():
            return OutgoingMail.objects.create(
                request=request, kind=kind, key=key, token=new_token(request), answer=answer
            )
    except IntegrityError:  # another run queued it at the same moment
        return None


def render_mail(mail):
    request = mail.request
    status_round = request.round
    items = list(request.items.select_related("measure"))
    with translation.override(request.contact.language):
        context = {
            "contact": request.contact,
            "round": status_round,
            "plan": status_round.plan,
            "items": items,
            "link": link_url(mail.token),
            "kind": mail.kind,
            "returned": mail.answer if mail.kind == MailKind.RETURNED else None,
        }
        subject = {
            MailKind.REQUEST: _("Status request: %(plan)s"),
            MailKind.REMINDER: _("Reminder: status for %(plan)s"),
            MailKind.RETURNED: _("Your status answer was sent back: %(plan)s"),
        }[mail.kind] % {"plan": status_round.plan.title}
        body = render_to_string("followup/mail/request.txt", context)
    return subject, body


def deliver_pending():
    """Send queued and failed mail. Returns (sent, failed) counts."""
    now = timezone.now()
    OutgoingMail.objects.filter(state=MailState.SENDING, claimed_at__lt=now - STALE_CLAIM).update(
        state=MailState.UNKNOWN, token=""
    )
    sent = failed = 0
    waiting = OutgoingMail.objects.filter(
        Q(state=MailState.QUEUED) | Q(state=MailState.FAILED, attempts__lt=MAX_ATTEMPTS)
    ).values_list("pk", flat=True)
    for pk in list(waiting):
        # Claim the mail; if another run got it first, leave it to that run.
        claimed = OutgoingMail.objects.filter(
            pk=pk, state__in=[MailState.QUEUED, MailState.FAILED]
        ).update(state=MailState.SENDING, claimed_at=timezone.now())
        if not claimed:
            continue
        mail = OutgoingMail.objects.select_related("request__contact", "request__round__plan").get(
            pk=pk
        )
        try:
            subject, body = render_mail(mail)
            EmailMessage(subject, body, to=[mail.request.contact.email]).send()
        except Exception as error:  # any backend error: record it and try again next run
            mail.state = MailState.FAILED
            mail.attempts += 1
            mail.error = f"{type(error).__name__}: {error}"[:1000]
            mail.save(update_fields=["state", "attempts", "error"])
            failed += 1
        else:
            mail.state = MailState.SENT
            mail.attempts += 1
            mail.sent_at = timezone.now()
            mail.token = ""
            mail.error = ""
            mail.save(update_fields=["state", "attempts", "sent_at", "token", "error"])
            sent += 1
    return sent, failed


def unanswered_requests(status_round):
    """Requests that still have a measure without a submitted answer."""
    requests = status_round.requests.filter(revoked_at__isnull=True).prefetch_related("items")
    items = [item for request in requests for item in request.items.all()]
    latest = latest_answers(items)
    return [
        request
        for request in requests
        if any(
            item_status(latest.get(item.pk))
            in (ItemStatus.NOT_ANSWERED, ItemStatus.DRAFT, ItemStatus.RETURNED)
            for item in request.items.all()
        )
    ]


def send_reminders(today=None):
    """Queue the reminders that are due in every open round, then deliver. Idempotent."""
    today = today or timezone.localdate()
    queued = 0
    for status_round in StatusRound.objects.filter(state=RoundState.OPEN).select_related("plan"):
        due = []
        if today >= status_round.deadline - datetime.timedelta(
            days=status_round.remind_days_before
        ):
            due.append("before")
        if today >= status_round.deadline:
            due.append("deadline")
        if not due:
            continue
        for request in unanswered_requests(status_round):
            for which in due:
                key = f"reminder:{request.pk}:{status_round.deadline.isoformat()}:{which}"
                if queue_mail(request, MailKind.REMINDER, key):
                    queued += 1
    sent, failed = deliver_pending()
    return queued, sent, failed


# The round's life


@transaction.atomic
def open_round(status_round):
    status_round.state = RoundState.OPEN
    status_round.opened_at = timezone.now()
    status_round.save(update_fields=["state", "opened_at"])
    for request in status_round.requests.filter(revoked_at__isnull=True):
        queue_mail(request, MailKind.REQUEST, f"request:{request.pk}")


def resend(request):
    return queue_mail(
        request, MailKind.REQUEST, f"request:{request.pk}:{timezone.now().timestamp()}"
    )


def remind(request):
    return queue_mail(
        request, MailKind.REMINDER, f"reminder:{request.pk}:manual:{timezone.now().timestamp()}"
    )


@transaction.atomic
def revoke(request):
    now = timezone.now()
    request.revoked_at = now
    request.save(update_fields=["revoked_at"])
    request.tokens.filter(revoked_at__isnull=True).update(revoked_at=now)
    request.mails.filter(state__in=[MailState.QUEUED, MailState.FAILED]).update(
        state=MailState.UNKNOWN, token="", error="Revoked before it was sent."
    )


def unanswered_parts(status_round):
    """The (measure, scope) pairs that closing the round makes unclear: those the round
    wrote no status for. An answer for the whole measure counts for every municipality."""
    answered = set(
        StatusUpdate.objects.filter(round=status_round).values_list("measure_id", "scope")
    )
    return [
        (measure, scope)
        for measure in Measure.objects.filter(plan=status_round.plan)
        if (measure.pk, "") not in answered
        for scope in measure.scopes or [""]
        if (measure.pk, scope) not in answered
    ]


@transaction.atomic
def close_round(status_round, user):
    """Unanswered measures become unclear as of the round's date; a report is frozen."""
    from reports.models import start_report
    from reports.report import build_report

    # Lock the round so that a second close waits, then finds it closed: one frozen report.
    status_round = StatusRound.objects.select_for_update().get(pk=status_round.pk)
    if status_round.state == RoundState.CLOSED:
        report = status_round.report
        raise AlreadyDone(
            _("This round was already closed by %(user)s at %(at)s.")
            % _by_at(report.created_by if report else None, status_round.closed_at)
        )
    with status_writes_in_bulk():
        for measure, scope in unanswered_parts(status_round):
            record_status(
                measure,
                status_round.as_of,
                State.UNCLEAR,
                author=user,
                scope=scope,
                source=Source.SYSTEM,
                author_name="Samordna",
                note=Note.NO_ANSWER,
                round=status_round,
            )
    report = start_report(status_round.plan, status_round.as_of, user)
    report.title = _("Status round as of %(date)s") % {
        "date": formats.date_format(status_round.as_of, "DATE_FORMAT")
    }
    report.save()
    report.freeze(build_report(status_round.plan, status_round.as_of, text=report.text()))
    status_round.report = report
    status_round.state = RoundState.CLOSED
    status_round.closed_at = timezone.now()
    status_round.save(update_fields=["report", "state", "closed_at"])
    return report
