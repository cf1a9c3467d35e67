"""Who may see and change plans, measures, organisations and contacts — the one place
these rules live.

Views start by fetching their object through one of the `*_for_*` helpers: a plan the
user may not see is a 404 (its existence is not revealed), one they may see but not
change is a 403.

Tenancy: a coordinator keeps (sees in full, edits, answers invitations for) only the
organisations they coordinate, and those they added that nobody coordinates yet, with
their contacts. Another organisation comes into a plan only through an accepted
invitation (plans/invitations.py); until then naming it in the plan gives its people no
access, and its contacts are neither offered nor e-mailed.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from accounts.models import Membership, Role
from plans.models import (
    Contact,
    Invitation,
    InvitationState,
    Measure,
    Organisation,
    Plan,
    PlanOwner,
)


def _org_ids(user, roles=None):
    if not user.is_authenticated:
        return set()
    memberships = Membership.objects.filter(user=user)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return set(memberships.values_list("organisation_id", flat=True))


def _admitted(org_id):
    """Plans an organisation takes part in: it owns them, or accepted an invitation to them.

    A responsibility or group membership naming an organisation gives its people nothing
    until that organisation has accepted (see plans/invitations.py)."""
    return Q(pk__in=PlanOwner.objects.filter(organisation=org_id).values("plan_id")) | Q(
        pk__in=Invitation.objects.filter(
            organisation=org_id, state=InvitationState.ACCEPTED
        ).values("plan_id")
    )


def _own_contact_org_ids(user):
    return set(Contact.objects.filter(user=user).values_list("organisation_id", flat=True))


def visible_plans(user):
    """Plans the user may read: published ones, all plans of their organisations, and those
    their organisation (or they as a contact) is responsible in once it has accepted."""
    plans = Plan.objects.all()
    if user.is_authenticated and user.is_superuser:
        return plans
    condition = Q(published=True)
    if user.is_authenticated:
        org_ids = _org_ids(user)
        condition |= Q(ownerships__organisation__in=org_ids)
        for org_id in org_ids:
            condition |= Q(measures__responsibilities__organisation=org_id) & _admitted(org_id)
        for org_id in _own_contact_org_ids(user):
            condition |= Q(measures__responsibilities__contact__user=user) & _admitted(org_id)
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
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=_org_ids(user, [Role.COORDINATOR]))


def can_manage_directory(user):
    """Organisations and contacts are kept by administrators and coordinators."""
    return can_create_plans(user)


def editable_organisations(user):
    """Organisations whose details and contacts the user keeps, and whose invitations they
    decide: all for administrators; for a coordinator those they coordinate, and those they
    added themselves that nobody coordinates yet."""
    if user.is_superuser:
        return Organisation.objects.all()
    if not user.is_authenticated:
        return Organisation.objects.none()
    coordinated_anywhere = Membership.objects.filter(role=Role.COORDINATOR).values(
        "organisation_id"
    )
    return Organisation.objects.filter(
        Q(pk__in=_org_ids(user, [Role.COORDINATOR]))
        | (Q(created_by=user) & ~Q(pk__in=coordinated_anywhere))
    )


def editable_contacts(user):
    """Contacts a user may see in full and change (their e-mail decides where personal
    links go): those of the organisations they keep."""
    if user.is_superuser:
        return Contact.objects.all()
    return Contact.objects.filter(organisation__in=editable_organisations(user))


def editable_plans(user):
    if user.is_superuser:
        return Plan.objects.all()
    return Plan.objects.filter(ownerships__organisation__in=_org_ids(user, [Role.COORDINATOR]))


def contacts_in_plans(plans):
    """Contacts the plans need: responsible in them, members of their groups, asked in their
    rounds."""
    return Contact.objects.filter(
        Q(responsibilities__measure__plan__in=plans)
        | Q(group_memberships__group__plans__in=plans)
        | Q(requests__round__plan__in=plans)
    ).distinct()


def directory_contacts(user):
    """(editable, read_only): the contacts a user keeps, and other organisations' contacts
    that plans they edit need, shown without e-mail or phone."""
    editable = editable_contacts(user)
    others = contacts_in_plans(editable_plans(user).values("pk")).exclude(
        pk__in=editable.values("pk")
    )
    return editable, others


def admitted_organisation_ids(plan):
    """Organisations whose people a plan may use: its owners and those that accepted."""
    return set(plan.ownerships.values_list("organisation_id", flat=True)) | set(
        plan.invitations.filter(state=InvitationState.ACCEPTED).values_list(
            "organisation_id", flat=True
        )
    )


def nameable_organisations(user, plan):
    """Organisations an editor may name in a plan as responsible: any on the site (the
    measure form, the paste page and the merge page offer the same). Naming one that does
    not take part yet is an invitation (plans/invitations.py): it gets nothing until one of
    its coordinators accepts."""
    return Organisation.objects.all()


def usable_contacts(user, plan):
    """Contacts an editor may name in a plan (group member, asked in a round): those of the
    organisations taking part, and those the editor keeps (their organisation is then
    taken into the plan at once)."""
    return Contact.objects.filter(
        Q(organisation__in=admitted_organisation_ids(plan))
        | Q(organisation__in=editable_organisations(user))
    )


def may_decide(user, invitation):
    """Only the invited organisation's keepers (or an administrator) accept or decline."""
    return editable_organisations(user).filter(pk=invitation.organisation_id).exists()


def invitations_to_decide(user):
    return Invitation.objects.filter(organisation__in=editable_organisations(user))


def updatable_measure_ids(user, plan):
    """Measures of the plan whose status the user may update."""
    if can_edit(user, plan):
        return set(plan.measures.values_list("pk", flat=True))
    if not user.is_authenticated:
        return set()
    admitted = admitted_organisation_ids(plan)
    contributing = _org_ids(user, [Role.CONTRIBUTOR]) & admitted
    condition = Q(responsibilities__organisation__in=contributing)
    if _own_contact_org_ids(user) & admitted:
        condition |= Q(responsibilities__contact__user=user)
    return set(Measure.objects.filter(plan=plan).filter(condition).values_list("pk", flat=True))


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


def invitation_for_decision(request, pk):
    invitation = Invitation.objects.select_related("plan", "organisation").filter(pk=pk).first()
    if invitation is None or not may_decide(request.user, invitation):
        raise Http404
    return invitation
