"""A plan's version: a number bumped on every write that changes what its pages show.

Rendered plan pages and reports are cached under keys that include the version read from
the database with the plan, so a write shows at once, on every server sharing the database.
The hooks sit at the model and queryset level (signals, `update()`, `bulk_create()`), so they
hold whichever function writes. Apps above `plans` (followup, cooperation) connect their own
models through `touch_plans` and `touch_plans_of_measures`.
"""

from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from plans.models import (
    Adoption,
    Area,
    Invitation,
    Measure,
    Organisation,
    Plan,
    PlanOwner,
    Responsibility,
    bump_plans,
)

touch_plans = bump_plans


def touch_plans_of_measures(measure_ids):
    """Bump the version of the plans these measures belong to."""
    ids = {pk for pk in measure_ids if pk is not None}
    if ids:
        touch_plans(Measure.objects.filter(pk__in=ids).values_list("plan_id", flat=True))


def _plan_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # The plan's own page, its parent's (which lists it) and its children's (which name it).
    Plan.objects.filter(
        Q(pk=instance.pk) | Q(pk=instance.parent_id) | Q(parent_id=instance.pk)
    ).update(version=F("version") + 1, changed_at=timezone.now())


def _plan_deleted(sender, instance, **kwargs):
    touch_plans([instance.parent_id])


def _part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch_plans([instance.plan_id])


def _responsibility_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch_plans_of_measures([instance.measure_id])


def _organisation_saved(sender, instance, raw=False, **kwargs):
    if raw or kwargs.get("created"):
        return
    # Its name shows among owners, responsibilities and adoptions.
    touch_plans(
        Plan.objects.filter(
            Q(ownerships__organisation=instance)
            | Q(measures__responsibilities__organisation=instance)
            | Q(adoptions__organisation=instance)
        ).values_list("pk", flat=True)
    )


def follow_plan_parts(*models):
    """Bump the plan of every saved or deleted row of these models (each has a `plan`).

    Queryset updates and bulk creations bump it through `PlanPartQuerySet`; apps above
    `plans` call this for their own models that show on a plan's cached pages.
    """
    for model in models:
        label = model._meta.label_lower
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"version-{label}")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"version-del-{label}")


# Pending invitations show on the plan page.
follow_plan_parts(Area, Measure, PlanOwner, Adoption, Invitation)
post_save.connect(_responsibility_changed, sender=Responsibility, dispatch_uid="version-resp")
post_delete.connect(_responsibility_changed, sender=Responsibility, dispatch_uid="version-del-resp")
post_save.connect(_plan_saved, sender=Plan, dispatch_uid="version-plan")
post_delete.connect(_plan_deleted, sender=Plan, dispatch_uid="version-del-plan")
post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid="version-organisation")
