"""The groups that carry a plan: their level, mandate, members and cadence."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
    members = models.JSONField(_("members"), default=list, blank=True)
    mandate = models.TextField(_("mandate"), blank=True)
    cadence = models.CharField(_("meets"), max_length=300, blank=True)
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
