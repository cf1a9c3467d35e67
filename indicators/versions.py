"""Indicators show in a plan's reports (and their cached downloads): a change to one bumps
the plan's version (see plans.versions), so no download shows an old figure."""

from django.db.models.signals import post_delete, post_save

from indicators.models import Indicator, IndicatorValue
from plans.models import bump_plans


def _indicator_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        bump_plans([instance.plan_id])


def _value_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        bump_plans(
            Indicator.objects.filter(pk=instance.indicator_id).values_list("plan_id", flat=True)
        )


post_save.connect(_indicator_changed, sender=Indicator, dispatch_uid="version-indicator")
post_delete.connect(_indicator_changed, sender=Indicator, dispatch_uid="version-del-indicator")
post_save.connect(_value_changed, sender=IndicatorValue, dispatch_uid="version-value")
post_delete.connect(_value_changed, sender=IndicatorValue, dispatch_uid="version-del-value")
