"""The status history of measures: append-only status updates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    """The five states of a measure, in the order legends and reports list them."""

    DONE = "done", _("Done")
    ONGOING = "ongoing", _("Ongoing")
    NOT_STARTED = "not_started", _("Not started")
    UNCLEAR = "unclear", _("Unclear, information requested")
    DISCONTINUED = "discontinued", _("Discontinued")


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a status update."""


class StatusUpdateQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Status updates are append-only; write a new update instead.")

    def delete(self):
        raise AppendOnlyError("Status updates are append-only and are never deleted.")


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

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Status updates are append-only and are never deleted.")
