"""Groups show on their plans' pages: a change to a group or its members bumps those plans'
versions (see plans.versions), so cached plan pages never show an old group. Reporting
duties count in the plan check of the plan's cached reports, and bump it too."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from cooperation.models import Group, GroupMember, ReportingDuty
from plans.models import bump_plans
from plans.versions import follow_plan_parts


def _group_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        bump_plans(instance.plans.values_list("pk", flat=True))


def _member_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        bump_plans(
            Group.plans.through.objects.filter(group_id=instance.group_id).values_list(
                "plan_id", flat=True
            )
        )


def _plans_changed(sender, instance, action, pk_set=None, reverse=False, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear", "post_clear"):
        return
    if reverse:  # plan.groups.add(...): the instance is the plan
        bump_plans([instance.pk])
    else:
        bump_plans(set(pk_set or ()) | set(instance.plans.values_list("pk", flat=True)))


post_save.connect(_group_changed, sender=Group, dispatch_uid="version-group")
pre_delete.connect(_group_changed, sender=Group, dispatch_uid="version-del-group")
post_save.connect(_member_changed, sender=GroupMember, dispatch_uid="version-member")
post_delete.connect(_member_changed, sender=GroupMember, dispatch_uid="version-del-member")
m2m_changed.connect(_plans_changed, sender=Group.plans.through, dispatch_uid="version-group-plans")
follow_plan_parts(ReportingDuty)
