"""Who may see and change plans and measures — the one place these rules live.

Views start by fetching their object through one of the `*_for_*` helpers: a plan the
user may not see is a 404 (its existence is not revealed), one they may see but not
change is a 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from accounts.models import Membership, Role
from plans.models import Measure, Plan


def _org_ids(user, roles=None):
    if not user.is_authenticated:
        return set()
    memberships = Membership.objects.filter(user=user)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return set(memberships.values_list("organisation_id", flat=True))


def visible_plans(user):
    """Plans the user may read: published ones, and all plans of their organisations."""
    plans = Plan.objects.all()
    if user.is_authenticated and user.is_superuser:
        return plans
    condition = Q(published=True)
    if user.is_authenticated:
        condition |= Q(ownerships__organisation__in=_org_ids(user))
        condition |= Q(measures__responsibilities__organisation__in=_org_ids(user))
        condition |= Q(measures__responsibilities__contact__user=user)
    return plans.filter(condition).distinct()


def can_view(user, plan):
    if plan.published:  # everyone reads published plans: no query needed
        return True
    return visible_plans(user).filter(pk=plan.pk).exists()


def can_edit(user, plan):
    """Administrators, and coordinators of an organisation that owns the plan."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    coordinated = _org_ids(user, [Role.COORDINATOR])
    return plan.ownerships.filter(organisation__in=coordinated).exists()


def can_create_plans(user):
    return user.is_authenticated and (user.is_superuser or bool(_org_ids(user, [Role.COORDINATOR])))


def coordinated_organisations(user):
    """Organisations a user may make a plan owner: all for administrators."""
    from plans.models import Organisation

    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=_org_ids(user, [Role.COORDINATOR]))


def can_manage_directory(user):
    """Organisations and contacts are kept by administrators and coordinators."""
    return can_create_plans(user)


def _plans_beyond(user):
    """Plans the user may not edit: their organisations and contacts are not theirs to change."""
    editable = Plan.objects.filter(ownerships__organisation__in=_org_ids(user, [Role.COORDINATOR]))
    return Plan.objects.exclude(pk__in=editable.values("pk"))


def editable_organisations(user):
    """Organisations a coordinator may change: those they coordinate, and those no plan
    beyond their reach uses (for instance one they just added)."""
    from plans.models import Organisation

    if user.is_superuser:
        return Organisation.objects.all()
    beyond = _plans_beyond(user)
    used = Organisation.objects.filter(
        Q(planowner__plan__in=beyond)
        | Q(responsibilities__measure__plan__in=beyond)
        | Q(adoption__plan__in=beyond)
    )
    return Organisation.objects.filter(
        Q(pk__in=_org_ids(user, [Role.COORDINATOR])) | ~Q(pk__in=used.values("pk"))
    ).distinct()


def editable_contacts(user):
    """Contacts a coordinator may change (their e-mail decides where personal links go):
    those of organisations they coordinate, and those no plan beyond their reach uses."""
    from plans.models import Contact

    if user.is_superuser:
        return Contact.objects.all()
    beyond = _plans_beyond(user)
    used = Contact.objects.filter(
        Q(responsibilities__measure__plan__in=beyond)
        | Q(requests__round__plan__in=beyond)
        | Q(group_memberships__group__plans__in=beyond)
        | Q(user__isnull=False)
    )
    return Contact.objects.filter(
        Q(organisation__in=_org_ids(user, [Role.COORDINATOR])) | ~Q(pk__in=used.values("pk"))
    ).distinct()


def updatable_measure_ids(user, plan):
    """Measures of the plan whose status the user may update."""
    if can_edit(user, plan):
        return set(plan.measures.values_list("pk", flat=True))
    if not user.is_authenticated:
        return set()
    contributing = _org_ids(user, [Role.CONTRIBUTOR])
    return set(
        Measure.objects.filter(plan=plan)
        .filter(
            Q(responsibilities__organisation__in=contributing)
            | Q(responsibilities__contact__user=user)
        )
        .values_list("pk", flat=True)
    )


def can_update_status(user, measure):
    return measure.pk in updatable_measure_ids(user, measure.plan)


def plan_for_view(request, slug):
    # No ORDER BY: the slug is unique, and this query starts every plan page.
    plan = next(iter(Plan.objects.filter(slug=slug).order_by()[:1]), None)
    if plan is None or not can_view(request.user, plan):
        raise Http404
    return plan


def plan_for_edit(request, slug):
    plan = plan_for_view(request, slug)
    if not can_edit(request.user, plan):
        raise PermissionDenied
    return plan


def measure_for_view(request, slug, pk):
    plan = plan_for_view(request, slug)
    measure = plan.measures.filter(pk=pk).first()
    if measure is None:
        raise Http404
    return measure


def measure_for_status(request, slug, pk):
    measure = measure_for_view(request, slug, pk)
    if not can_update_status(request.user, measure):
        raise PermissionDenied
    return measure


def directory_for_edit(request):
    if not can_manage_directory(request.user):
        raise PermissionDenied
