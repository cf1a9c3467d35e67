"""Saved status reports: the coordinator's text, and a frozen snapshot once it is final."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FrozenReportError(Exception):
    """Raised on an attempt to change a report that has been frozen."""


class Report(models.Model):
    """A report of a plan as of a date; frozen, it keeps its numbers whatever happens later."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="reports")
    as_of = models.DateField(_("status as of"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    area_comments = models.JSONField(_("comments per goal area"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    # What the report was started from: a saved report keeps its filters and comparison.
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    compare_as_of = models.DateField(_("compared with"), null=True, blank=True)

    class Meta:
        ordering = ["-as_of", "-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return self.title or f"{self.plan} {self.as_of}"

    def save(self, *args, **kwargs):
        if self.pk and Report.objects.filter(pk=self.pk, frozen_at__isnull=False).exists():
            raise FrozenReportError("A frozen report never changes.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reports:saved", args=[self.plan.slug, self.pk])

    @property
    def is_frozen(self):
        return self.frozen_at is not None

    def text(self):
        return {"summary": self.summary, "areas": self.area_comments}

    def freeze(self, content):
        """Store the report's content for good; later history does not change it."""
        self.snapshot = content
        self.frozen_at = timezone.now()
        self.save()


def start_report(plan, as_of, user=None, filters=None, compare_as_of=None):
    """A new draft report that starts from the text of the plan's latest report.

    `filters` (Filters.as_query()) and `compare_as_of` are the view it was started from.
    """
    previous = Report.objects.filter(plan=plan).order_by("-as_of", "-created_at").first()
    return Report.objects.create(
        plan=plan,
        as_of=as_of,
        filters=filters or {},
        compare_as_of=compare_as_of,
        summary=previous.summary if previous else "",
        area_comments=dict(previous.area_comments) if previous else {},
        created_by=user,
    )


class FileState(models.TextChoices):
    QUEUED = "queued", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class ReportFile(models.Model):
    """A large report's PDF, made by the worker and found again by exactly what it shows."""

    # A hash of the report's content, comparison and language: a change makes a new file.
    key = models.CharField(max_length=64, unique=True)
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="report_files")
    filename = models.CharField(max_length=300)
    source = models.JSONField(editable=False)
    state = models.CharField(max_length=10, choices=FileState.choices, default=FileState.QUEUED)
    content = models.BinaryField(null=True, editable=False)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")

    def __str__(self):
        return self.filename
