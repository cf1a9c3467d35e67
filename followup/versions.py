"""A plan's status rounds count in the plan check of its reports, which are cached: a round
written, changed or deleted bumps its plan's version (see plans.versions); a queryset
update does so through the rounds' PlanPartQuerySet."""

from django.db.models.signals import post_delete, post_save

from followup.models import StatusRound
from plans.models import bump_plans


def _round_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        bump_plans([instance.plan_id])


post_save.connect(_round_changed, sender=StatusRound, dispatch_uid="version-round")
post_delete.connect(_round_changed, sender=StatusRound, dispatch_uid="version-del-round")
