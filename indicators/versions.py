"""Indicators show in a plan's reports (and their cached downloads): a change to one bumps
the plan's version (see plans.versions), so no download shows an old figure."""

from django.db.models.signals import post_delete, post_save

from indicators.models import Indicator, IndicatorValue
from plans.models import bump_plans
from plans.versions import follow_plan_parts


def _value_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        bump_plans(
            Indicator.objects.filter(pk=instance.indicator_id).values_list("plan_id", flat=True)
        )


follow_plan_parts(Indicator)
post_save.connect(_value_changed, sender=IndicatorValue, dispatch_uid="version-value")
post_delete.connect(_value_changed, sender=IndicatorValue, dispatch_uid="version-del-value")
