"""The plan check shows in a plan's reports (and their cached downloads): a changed tag or
choice of frameworks bumps the plan's version (see plans.versions)."""

from django.db.models.signals import post_delete, post_save

from frameworks.models import PlanFramework, Tag
from plans.models import Area, Measure, bump_plans


def _choice_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        bump_plans([instance.plan_id])


def _tag_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.measure_id:
        plans = Measure.objects.filter(pk=instance.measure_id).values_list("plan_id", flat=True)
    else:
        plans = Area.objects.filter(pk=instance.area_id).values_list("plan_id", flat=True)
    bump_plans(plans)


post_save.connect(_choice_changed, sender=PlanFramework, dispatch_uid="version-framework")
post_delete.connect(_choice_changed, sender=PlanFramework, dispatch_uid="version-del-framework")
post_save.connect(_tag_changed, sender=Tag, dispatch_uid="version-tag")
post_delete.connect(_tag_changed, sender=Tag, dispatch_uid="version-del-tag")
