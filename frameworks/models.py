"""What a coordinator decided about frameworks: which ones a plan is held against, and which
framework items its measures and areas address (suggestions are computed, not stored)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanFramework(models.Model):
    """A framework a coordinator chose to hold a plan against (none chosen: the defaults)."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="frameworks")
    framework = models.CharField(_("framework"), max_length=80)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "framework"], name="unique_plan_framework")
        ]

    def __str__(self):
        return f"{self.plan} – {self.framework}"


class TagState(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class Tag(models.Model):
    """A coordinator's word on whether a measure (or an area) addresses a framework item."""

    measure = models.ForeignKey(
        "plans.Measure", null=True, blank=True, on_delete=models.CASCADE, related_name="tags"
    )
    area = models.ForeignKey(
        "plans.Area", null=True, blank=True, on_delete=models.CASCADE, related_name="tags"
    )
    framework = models.CharField(_("framework"), max_length=80)
    item = models.CharField(_("framework item"), max_length=80)
    state = models.CharField(_("state"), max_length=10, choices=TagState.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(measure__isnull=False, area__isnull=True)
                | models.Q(measure__isnull=True, area__isnull=False),
                name="tag_on_measure_or_area",
            ),
            models.UniqueConstraint(
                fields=["measure", "framework", "item"], name="unique_measure_tag"
            ),
            models.UniqueConstraint(fields=["area", "framework", "item"], name="unique_area_tag"),
        ]

    def __str__(self):
        return f"{self.framework}:{self.item} {self.state}"
