"""Which models the audit trail records, and which plans each change belongs to.

Every create, change and delete of a registered model becomes an auditlog `LogEntry`
(the standard model, so a dumpdata-style backup carries the trail). Each entry is tagged
with the plans the object belongs to, in `additional_data["plans"]` as "|3|7|", so that a
plan's history finds changes to its measures even after they are deleted. A string rather
than a JSON list because a substring match on it reads the same on SQLite and PostgreSQL.
"""

from auditlog.registry import auditlog
from django.db.models.signals import pre_delete

from accounts.models import Membership
from cooperation.models import Group, GroupMember, Meeting
from followup.models import Review, StatusRound, StatusUpdate
from plans.models import (
    Adoption,
    Area,
    Contact,
    Measure,
    Organisation,
    Plan,
    PlanOwner,
    Responsibility,
)

# Timestamps that change on every save would make each save an entry of its own.
NOISE = ["created_at", "updated_at"]


def _group_plans(group_id):
    return list(
        Group.plans.through.objects.filter(group_id=group_id).values_list("plan_id", flat=True)
    )


def _measure_plan(measure_id):
    return list(Measure.objects.filter(pk=measure_id).values_list("plan_id", flat=True))


def _plan_of_measure_part(row):
    # Writers usually hold the measure already: no query per status update in an import.
    if type(row).measure.is_cached(row):
        return [row.measure.plan_id]
    return _measure_plan(row.measure_id)


# How to find the plans of an object of each model; None: it belongs to no one plan.
PLANS_OF = {
    Organisation: None,
    Contact: None,
    Membership: None,
    Plan: lambda o: [o.pk],
    PlanOwner: lambda o: [o.plan_id],
    Adoption: lambda o: [o.plan_id],
    Area: lambda o: [o.plan_id],
    Measure: lambda o: [o.plan_id],
    Responsibility: _plan_of_measure_part,
    StatusUpdate: _plan_of_measure_part,
    StatusRound: lambda o: [o.plan_id],
    Review: lambda o: list(
        StatusRound.objects.filter(requests__items__answers=o.answer_id).values_list(
            "plan_id", flat=True
        )
    ),
    Group: lambda o: _group_plans(o.pk),
    GroupMember: lambda o: _group_plans(o.group_id),
    Meeting: lambda o: _group_plans(o.group_id),
}


def plan_tag(plan_id):
    """The substring that marks an entry as belonging to a plan."""
    return f"|{plan_id}|"


def _additional_data(self):
    # Deleting a plan or measure deletes its children before auditlog hears of them (it
    # listens after the delete), so their plans are looked up beforehand (see below).
    plan_ids = getattr(self, "_audit_plan_ids", None)
    if plan_ids is None:
        plan_ids = PLANS_OF[type(self)](self)
    if not plan_ids:
        return None
    return {"plans": "|" + "|".join(str(p) for p in sorted(set(plan_ids))) + "|"}


def _note_plans_before_delete(sender, instance, **kwargs):
    instance._audit_plan_ids = PLANS_OF[sender](instance)


def register_models():
    for model, plans_of in PLANS_OF.items():
        if auditlog.contains(model):
            continue
        # Only the model's own columns: auditlog would otherwise also compare reverse
        # relations (a measure's responsibilities), which are audited as objects of their own.
        options = {
            "include_fields": [
                f.name
                for f in model._meta.concrete_fields
                if f.name not in NOISE and not f.primary_key
            ]
        }
        if model is Group:
            options["m2m_fields"] = {"plans"}
        if plans_of is not None:
            # auditlog asks the instance itself for extra data; the rule stays here.
            model.get_additional_data = _additional_data
            pre_delete.connect(
                _note_plans_before_delete, sender=model, dispatch_uid=f"audit-{model.__name__}"
            )
        auditlog.register(model, **options)
