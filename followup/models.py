"""The status history of measures: append-only status updates."""

import contextlib
import contextvars

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plans.models import Measure, PlanPartQuerySet, bump_plans
from plans.versions import touch_plans_of_measures


class State(models.TextChoices):
    """The five states of a measure, in the order legends and reports list them."""

    DONE = "done", _("Done")
    ONGOING = "ongoing", _("Ongoing")
    NOT_STARTED = "not_started", _("Not started")
    UNCLEAR = "unclear", _("Unclear, information requested")
    DISCONTINUED = "discontinued", _("Discontinued")


class Source(models.TextChoices):
    """Which path wrote a status update; kept on the row as its audit trail."""

    FORM = "form", _("Status form")
    ROUND = "round", _("Status round")
    MINUTES = "minutes", _("Meeting decision")
    IMPORT = "import", _("Plan import")
    SHEET = "sheet", _("Status spreadsheet")
    SYSTEM = "system", _("Samordna")
    DEMO = "demo", _("Demo data")


class Note(models.TextChoices):
    """Texts Samordna writes itself, stored as codes and shown in the reader's language."""

    NO_ANSWER = "no_answer", _("No answer in the status round.")
    SENT_BACK = "sent_back", _("The answer was sent back for correction.")


def note_text(code):
    """A system note's text in the active language; unknown or empty codes give ""."""
    return str(Note(code).label) if code in Note.values else ""


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a status update."""


class StatusUpdateQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Status updates are append-only; write a new update instead.")

    def delete(self):
        raise AppendOnlyError("Status updates are append-only and are never deleted.")

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        _written({obj.measure_id: _plan_id_if_known(obj) for obj in created})
        return created


class StatusUpdate(models.Model):
    """What was known about a measure as of a date. Never changed: a correction is a new row."""

    measure = models.ForeignKey(
        "plans.Measure", on_delete=models.PROTECT, related_name="status_updates"
    )
    scope = models.CharField(
        _("municipality"),
        max_length=200,
        blank=True,
        help_text=_("Only for measures answered per municipality."),
    )
    as_of = models.DateField(_("status as of"))
    state = models.CharField(_("state"), max_length=14, choices=State.choices)
    done = models.TextField(_("what is done"), blank=True)
    remaining = models.TextField(_("what remains"), blank=True)
    note = models.CharField(
        _("note by Samordna"), max_length=20, choices=Note.choices, blank=True, default=""
    )
    source = models.CharField(
        _("written through"), max_length=10, choices=Source.choices, blank=True, default=""
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="status_updates",
    )
    author_name = models.CharField(
        _("written by"),
        max_length=200,
        blank=True,
        help_text=_("Kept as text so the history reads the same if the account goes."),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True, db_index=True)
    generated = models.BooleanField(
        _("generated"), default=False, help_text=_("Invented by the demo loader, not real.")
    )
    round = models.ForeignKey(
        "StatusRound", null=True, blank=True, on_delete=models.PROTECT, related_name="updates"
    )
    answer = models.OneToOneField(
        "Answer", null=True, blank=True, on_delete=models.PROTECT, related_name="status_update"
    )

    objects = StatusUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["as_of", "created_at", "id"]
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        indexes = [models.Index(fields=["measure", "scope", "as_of"])]

    def __str__(self):
        return f"{self.measure_id} {self.as_of} {self.state}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Status updates are append-only; write a new update instead.")
        super().save(*args, **kwargs)
        _written({self.measure_id: _plan_id_if_known(self)})

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Status updates are append-only and are never deleted.")

    @property
    def note_text(self):
        """The system's note in the active language ("" when there is none)."""
        return note_text(self.note)


# Measure id -> plan id (or None) of the updates written inside status_writes_in_bulk().
_pending_writes = contextvars.ContextVar("pending_status_writes", default=None)


def _plan_id_if_known(update):
    """The update's plan id when its measure is loaded (spares a query per update), else None."""
    return update.measure.plan_id if StatusUpdate.measure.is_cached(update) else None


def _written(plan_of):
    """After status updates are written (measure id -> plan id or None): rebuild the measures'
    state periods and bump their plans' versions, or, inside status_writes_in_bulk(), leave
    both to its end."""
    pending = _pending_writes.get()
    if pending is not None:
        for measure_id, plan_id in plan_of.items():
            pending[measure_id] = pending.get(measure_id) or plan_id
        return
    unknown = [measure_id for measure_id, plan_id in plan_of.items() if plan_id is None]
    if unknown:
        plan_of.update(Measure.objects.filter(pk__in=unknown).values_list("pk", "plan_id"))
    rebuild_periods(plan_of, plan_of)
    bump_plans(plan_of.values())


@contextlib.contextmanager
def status_writes_in_bulk():
    """Many status updates at once (an import, a spreadsheet, a closed round).

    Each update written inside keeps its row as always, but the measures' state periods
    are rebuilt and their plans' versions bumped once at the end instead of once per
    update: an imported plan of 60 measures × 40 updates did both 2,400 times. Use it
    inside the transaction that writes the updates; nested uses wait for the outermost.
    """
    if _pending_writes.get() is not None:
        yield
        return
    pending = {}
    token = _pending_writes.set(pending)
    try:
        yield
    finally:
        _pending_writes.reset(token)
    if pending:
        _written(pending)


class StatePeriod(models.Model):
    """How long a measure (as a whole) held a state: from `valid_from` until `valid_to`.

    Kept on every status write (`rebuild_periods`), from the whole-measure updates only, so
    that the states of many plans as of any date are one indexed query; the per-municipality
    parts of scoped measures are worked out from the updates themselves.
    """

    measure = models.ForeignKey("plans.Measure", on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=14, choices=State.choices)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)  # None: still holds

    class Meta:
        indexes = [
            models.Index(fields=["valid_from", "plan"]),
            models.Index(fields=["measure", "valid_from"]),
        ]

    def __str__(self):
        return f"{self.measure_id} {self.state} {self.valid_from}–{self.valid_to or ''}"


def rebuild_periods(measure_ids, plan_of=None):
    """Write the StatePeriods of these measures again from their whole-measure updates.

    The state on a date is the latest update for a date on or before it; several updates
    for one date: the one written last. `plan_of` (measure id -> plan id) spares a query.
    """
    ids = sorted({pk for pk in measure_ids if pk is not None})
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        if plan_of is None or not set(chunk) <= set(plan_of):
            plan_of = dict(Measure.objects.filter(pk__in=chunk).values_list("pk", "plan_id"))
        by_measure = {}
        for measure_id, as_of, state in (
            StatusUpdate.objects.filter(measure_id__in=chunk, scope="")
            .order_by("measure_id", "as_of", "created_at", "id")
            .values_list("measure_id", "as_of", "state")
        ):
            by_measure.setdefault(measure_id, {})[as_of] = state  # the last written wins
        rows = []
        for measure_id, states in by_measure.items():
            periods = []
            for as_of, state in states.items():  # dates come in order
                if periods and periods[-1].state == state:
                    continue
                if periods:
                    periods[-1].valid_to = as_of
                periods.append(
                    StatePeriod(
                        measure_id=measure_id,
                        plan_id=plan_of[measure_id],
                        state=state,
                        valid_from=as_of,
                    )
                )
            rows += periods
        StatePeriod.objects.filter(measure_id__in=chunk).delete()
        StatePeriod.objects.bulk_create(rows, batch_size=5000)


class RoundState(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class StatusRound(models.Model):
    """A request to every responsible contact for the status of their measures as of a date."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="rounds")
    as_of = models.DateField(_("status as of"))
    deadline = models.DateField(_("answer by"))
    message = models.TextField(_("message to the contacts"), blank=True)
    remind_days_before = models.PositiveSmallIntegerField(
        _("remind this many days before the deadline"), default=3
    )
    state = models.CharField(max_length=8, choices=RoundState.choices, default=RoundState.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    report = models.OneToOneField(
        "reports.Report", null=True, blank=True, on_delete=models.SET_NULL, related_name="round"
    )

    # The plan check in a plan's (cached) reports counts its rounds: see followup.versions.
    objects = PlanPartQuerySet.as_manager()

    class Meta:
        ordering = ["-as_of", "-created_at"]
        verbose_name = _("status round")
        verbose_name_plural = _("status rounds")

    def __str__(self):
        return f"{self.plan} – {self.as_of}"


class StatusRequest(models.Model):
    """One contact's part of a round: the measures they are asked about, and their link."""

    round = models.ForeignKey(StatusRound, on_delete=models.CASCADE, related_name="requests")
    contact = models.ForeignKey("plans.Contact", on_delete=models.PROTECT, related_name="requests")
    revoked_at = models.DateTimeField(null=True, blank=True)
    first_opened_at = models.DateTimeField(null=True, blank=True)
    last_opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["contact__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "contact"], name="one_request_per_contact")
        ]

    def __str__(self):
        return f"{self.round}: {self.contact}"


class RequestedMeasure(models.Model):
    """A measure (or one municipality's part of it) that a request asks about."""

    request = models.ForeignKey(StatusRequest, on_delete=models.CASCADE, related_name="items")
    measure = models.ForeignKey("plans.Measure", on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["measure__position", "measure_id", "scope"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "measure", "scope"], name="one_item_per_measure_and_scope"
            )
        ]

    def __str__(self):
        return f"{self.measure} {self.scope}".strip()


class LinkToken(models.Model):
    """A secret link to a request. Only the token's SHA-256 is stored."""

    request = models.ForeignKey(StatusRequest, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"link of {self.request}"


class Answer(models.Model):
    """A contact's answer for one requested measure. Append-only: each save is a new row."""

    item = models.ForeignKey(RequestedMeasure, on_delete=models.CASCADE, related_name="answers")
    state = models.CharField(_("state"), max_length=14, choices=State.choices)
    done = models.TextField(_("what is done"), blank=True)
    remaining = models.TextField(_("what remains"), blank=True)
    submitted = models.BooleanField(default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="A coordinator who entered the answer on the contact's behalf.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.item}: {self.state}{'' if self.submitted else ' (draft)'}"


class Review(models.Model):
    """The coordinator's decision on a submitted answer: accepted, or sent back with a comment."""

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="review")
    accepted = models.BooleanField()
    comment = models.TextField(_("comment to the contact"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    reviewed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{'accepted' if self.accepted else 'sent back'}: {self.answer}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The measure's history names who accepted an answer.
        touch_plans_of_measures(
            StatusUpdate.objects.filter(answer_id=self.answer_id).values_list(
                "measure_id", flat=True
            )
        )


class MailState(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed; will be tried again")
    UNKNOWN = "unknown", _("Interrupted while sending; check with the contact")


class MailKind(models.TextChoices):
    REQUEST = "request", _("Request")
    REMINDER = "reminder", _("Reminder")
    RETURNED = "returned", _("Answer sent back")


class OutgoingMail(models.Model):
    """An e-mail to a contact, queued before it is sent so that none is lost or sent twice.

    `key` is unique: queuing the same reminder twice (e.g. from two runs) is a no-op.
    """

    request = models.ForeignKey(StatusRequest, on_delete=models.CASCADE, related_name="mails")
    kind = models.CharField(max_length=10, choices=MailKind.choices)
    key = models.CharField(max_length=200, unique=True)
    # The answer a "sent back" mail is about, so the mail can name the measure and the reason.
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="mails"
    )
    state = models.CharField(max_length=8, choices=MailState.choices, default=MailState.QUEUED)
    # The link token goes in the mail; it is kept only until the mail is sent.
    token = models.CharField(max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["queued_at", "id"]

    def __str__(self):
        return f"{self.kind} to {self.request.contact} ({self.state})"


class FailedLinkAttempt(models.Model):
    """A wrong or expired link opened from an address; many in a while means guessing."""

    address = models.GenericIPAddressField()
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.address} {self.at}"
