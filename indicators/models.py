"""Indicators a plan follows (Ungdata, SSB/KOSTRA, BRÅ's NTU, own surveys): a baseline, a
target and yearly values, linked to the plan's areas and measures."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

YEARS = [MinValueValidator(1900), MaxValueValidator(2200)]


class Direction(models.TextChoices):
    DOWN = "down", _("Lower is better")
    UP = "up", _("Higher is better")


class Indicator(models.Model):
    """Something measured again and again to see whether the plan makes a difference."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. “%”"))
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("e.g. “Ungdata 2019”")
    )
    description = models.TextField(_("how it is read"), blank=True)
    direction = models.CharField(
        _("direction"), max_length=4, choices=Direction.choices, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEARS
    )
    baseline_value = models.FloatField(_("baseline value"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(
        _("target year"), null=True, blank=True, validators=YEARS
    )
    target_value = models.FloatField(_("target value"), null=True, blank=True)
    reference_value = models.FloatField(
        _("reference value"), null=True, blank=True, help_text=_("e.g. the national average")
    )
    reference_label = models.CharField(
        _("reference"), max_length=200, blank=True, help_text=_("e.g. “National average”")
    )
    area = models.ForeignKey(
        "plans.Area",
        verbose_name=_("goal area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    measures = models.ManyToManyField(
        "plans.Measure", verbose_name=_("measures"), blank=True, related_name="indicators"
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="unique_indicator_name")
        ]

    def __str__(self):
        return self.name


class IndicatorValue(models.Model):
    """One figure of an indicator: a year's value, for a place where the source gives several."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEARS)
    value = models.FloatField(_("value"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["year", "place", "id"]
        verbose_name = _("value")
        verbose_name_plural = _("values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "place"], name="one_value_per_year_and_place"
            )
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"
