"""The structure that carries a plan: groups and their members, meetings with agendas and
minutes, the annual wheel, reporting obligations and secret calendar feeds."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.cadence import anchored, describe
from plans.models import PlanPartQuerySet


class Level(models.TextChoices):
    STRATEGIC = "strategic", _("Strategic")
    COORDINATING = "coordinating", _("Coordinating")
    OPERATIONAL = "operational", _("Operational")


class Group(models.Model):
    """A politiråd, steering group, coordination group or network; may serve several plans."""

    plans = models.ManyToManyField("plans.Plan", related_name="groups", verbose_name=_("plans"))
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=14, choices=Level.choices, blank=True)
    mandate = models.TextField(_("mandate"), blank=True)
    cadence = models.CharField(
        _("meets"),
        max_length=300,
        blank=True,
        help_text=_("As the plan says it, e.g. “every 14 days” or “4 ganger i året”."),
    )
    recurrence = models.CharField(
        _("meeting rule"),
        max_length=300,
        blank=True,
        help_text=_(
            "An iCalendar RRULE such as FREQ=MONTHLY;BYDAY=1TU. Filled from “meets” when possible."
        ),
    )
    first_meeting = models.DateTimeField(_("first meeting"), null=True, blank=True)
    meeting_minutes = models.PositiveSmallIntegerField(_("meeting length in minutes"), default=120)
    location = models.CharField(_("usual place"), max_length=200, blank=True)
    chair = models.CharField(_("chair"), max_length=200, blank=True)
    secretary = models.CharField(_("secretary"), max_length=200, blank=True)
    convener = models.CharField(_("convener"), max_length=200, blank=True)
    reports_to = models.CharField(_("reports to"), max_length=200, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        plan = self.plans.first()
        return reverse("cooperation:group", args=[plan.slug, self.pk])

    @property
    def meeting_rule(self):
        """The rule meetings follow: monthly and yearly ones kept on the first meeting's
        weekday (see `cadence.anchored`), so they never fall on a weekend by date alone."""
        if not (self.recurrence and self.first_meeting):
            return self.recurrence
        return anchored(self.recurrence, timezone.localtime(self.first_meeting))

    def rule_in_words(self):
        return describe(self.meeting_rule) if self.recurrence else ""


class GroupMember(models.Model):
    """A member of a group: a role as the plan writes it, optionally a contact and organisation."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("role or name"), max_length=300)
    contact = models.ForeignKey(
        "plans.Contact",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="group_memberships",
    )
    organisation = models.ForeignKey(
        "plans.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.name


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    """One meeting of a group, with its agenda, minutes and decisions."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=MeetingState.choices, default=MeetingState.PLANNED
    )
    minutes = models.TextField(_("minutes"), blank=True)
    uid = models.CharField(max_length=100, unique=True, editable=False)
    # The date of the group's rule this meeting was planned for; it stays when the meeting
    # is moved, so calendar feeds can say which meeting of the series changed.
    occurrence = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.group} {self.starts_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if not self.uid:
            import uuid

            self.uid = f"meeting-{uuid.uuid4()}@samordna"
        super().save(*args, **kwargs)

    @property
    def took_place(self):
        """Held, or past with minutes written: a planned meeting nobody marked held."""
        if self.state == MeetingState.HELD:
            return True
        return (
            self.state == MeetingState.PLANNED
            and bool(self.minutes.strip())
            and self.starts_at <= timezone.now()
        )

    def shown_state(self):
        """What the meeting is to a reader now: a past meeting is no longer "planned"."""
        if self.took_place:
            return MeetingState.HELD.label
        if self.state == MeetingState.PLANNED and self.starts_at <= timezone.now():
            return _("Not recorded")
        return self.get_state_display()


class AgendaItem(models.Model):
    """A point on a meeting's agenda, possibly about a measure."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("item"), max_length=300)
    measure = models.ForeignKey(
        "plans.Measure", verbose_name=_("measure"), null=True, blank=True, on_delete=models.SET_NULL
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


class DecisionKind(models.TextChoices):
    NEW_MEASURE = "new_measure", _("New measure")
    CHANGE = "change", _("Change to a measure")
    STATUS = "status", _("Status update")
    OTHER = "other", _("Other decision")


class Decision(models.Model):
    """A decision in a meeting's minutes, linked to the measure it concerns."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("decision"))
    kind = models.CharField(
        _("kind"), max_length=12, choices=DecisionKind.choices, default=DecisionKind.OTHER
    )
    measure = models.ForeignKey(
        "plans.Measure", verbose_name=_("measure"), null=True, blank=True, on_delete=models.SET_NULL
    )
    status_update = models.OneToOneField(
        "followup.StatusUpdate", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.text[:60]


class EntryKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    DEADLINE = "deadline", _("Deadline")
    ACTIVITY = "activity", _("Activity")


class AnnualEntry(models.Model):
    """A recurring date on a plan's annual wheel: a deadline, an activity or a meeting."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="annual_entries")
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    starts = models.DateField(_("first date"))
    recurrence = models.CharField(
        _("rule (iCalendar)"),
        max_length=300,
        blank=True,
        help_text=_("An iCalendar RRULE, e.g. FREQ=YEARLY;BYMONTH=11;BYWEEKNO=47;BYDAY=MO."),
    )
    days = models.PositiveSmallIntegerField(_("lasts (days)"), default=1)
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.SET_NULL)
    measure = models.ForeignKey("plans.Measure", null=True, blank=True, on_delete=models.SET_NULL)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["starts", "title"]
        verbose_name = _("annual wheel entry")
        verbose_name_plural = _("annual wheel entries")

    def __str__(self):
        return self.title


class ReportingDuty(models.Model):
    """A duty to report, e.g. to the politiråd every half year; makes dated obligations."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="duties")
    title = models.CharField(_("what"), max_length=300)
    to_group = models.ForeignKey(
        Group, verbose_name=_("to"), null=True, blank=True, on_delete=models.SET_NULL
    )
    recurrence = models.CharField(_("rule (iCalendar)"), max_length=300)
    starts = models.DateField(_("first due"))
    ends = models.DateField(_("last due"), null=True, blank=True)

    # The plan check in a plan's (cached) reports reads its duties: see cooperation.versions.
    objects = PlanPartQuerySet.as_manager()

    class Meta:
        ordering = ["starts", "title"]

    def __str__(self):
        return self.title


class Obligation(models.Model):
    """One dated occurrence of a reporting duty: due, done (with what) or overdue."""

    duty = models.ForeignKey(ReportingDuty, on_delete=models.CASCADE, related_name="obligations")
    due = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    report = models.ForeignKey("reports.Report", null=True, blank=True, on_delete=models.SET_NULL)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["due"]
        constraints = [
            models.UniqueConstraint(fields=["duty", "due"], name="one_obligation_per_date")
        ]

    def __str__(self):
        return f"{self.duty} {self.due}"


class FeedToken(models.Model):
    """A secret, revocable address of a calendar feed for a plan, a group or a contact."""

    token_hash = models.CharField(max_length=64, unique=True)
    plan = models.ForeignKey("plans.Plan", null=True, blank=True, on_delete=models.CASCADE)
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.CASCADE)
    contact = models.ForeignKey("plans.Contact", null=True, blank=True, on_delete=models.CASCADE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"feed of {self.plan or self.group or self.contact}"
