"""The plan check shows in a plan's reports (and their cached downloads): a changed tag or
choice of frameworks bumps the plan's version (see plans.versions)."""

from django.db.models.signals import post_delete, post_save

from frameworks.models import PlanFramework, Tag
from plans.models import Area, Measure, bump_plans
from plans.versions import follow_plan_parts


def _tag_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.measure_id:
        plans = Measure.objects.filter(pk=instance.measure_id).values_list("plan_id", flat=True)
    else:
        plans = Area.objects.filter(pk=instance.area_id).values_list("plan_id", flat=True)
    bump_plans(plans)


follow_plan_parts(PlanFramework)
post_save.connect(_tag_changed, sender=Tag, dispatch_uid="version-tag")
post_delete.connect(_tag_changed, sender=Tag, dispatch_uid="version-del-tag")
