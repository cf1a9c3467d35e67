"""Invitations: how an organisation comes into a plan it does not own.

Making another organisation a co-owner, or naming it (or one of its people) in a plan as
responsible, group member or someone asked in a status round, asks that organisation.
Until one of its coordinators (or an administrator) accepts, it gets no access to the plan
and none of its people is e-mailed. Who may decide is ruled in plans/access.py.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from plans import access
from plans.models import Invitation, InvitationKind, InvitationState, PlanOwner


def invite(plan, organisation, kind, user):
    """Ask `organisation` into `plan`; returns the invitation, or None if it is in already.

    An invitation the inviting user may decide themselves (an administrator, a coordinator
    of both sides; `user` None for trusted paths such as the command line) is accepted at
    once. One that was declined stays declined: asking again is not the inviter's to do.
    """
    owners = set(plan.ownerships.values_list("organisation_id", flat=True))
    if organisation.pk in owners:
        return None
    if kind == InvitationKind.PARTICIPANT and organisation.pk in access.admitted_organisation_ids(
        plan
    ):
        return None
    invitation, _created = Invitation.objects.get_or_create(
        plan=plan, organisation=organisation, kind=kind, defaults={"invited_by": user}
    )
    if invitation.state == InvitationState.PENDING and (
        user is None or access.may_decide(user, invitation)
    ):
        accept(invitation, user)
        invitation.refresh_from_db()
    return invitation


def invite_participants(plan, organisations, user):
    """Invite each organisation named in the plan; returns those still awaiting an answer."""
    waiting = []
    for organisation in dict.fromkeys(o for o in organisations if o is not None):
        invitation = invite(plan, organisation, InvitationKind.PARTICIPANT, user)
        if invitation and invitation.state == InvitationState.PENDING:
            waiting.append(organisation)
    return waiting


def say_invited(request, waiting):
    """Tell the user which organisations (or invitations) still await their coordinators."""
    names = ", ".join(getattr(item, "organisation", item).name for item in waiting)
    if names:
        messages.info(
            request,
            _("Invited, awaiting acceptance by their coordinators: %(names)s.") % {"names": names},
        )


def would_wait(plan, organisations, user):
    """Those of `organisations` that naming in the plan now would leave awaiting an answer
    (for a preview): not taking part yet, not declined before, and not the user's to accept
    at once (see `invite`)."""
    settled = access.admitted_organisation_ids(plan) | set(
        plan.invitations.filter(
            kind=InvitationKind.PARTICIPANT, state=InvitationState.DECLINED
        ).values_list("organisation_id", flat=True)
    )
    candidates = [o for o in dict.fromkeys(organisations) if o is not None and o.pk not in settled]
    if not candidates:
        return []
    decidable = set(
        access.editable_organisations(user)
        .filter(pk__in=[o.pk for o in candidates])
        .values_list("pk", flat=True)
    )
    return [o for o in candidates if o.pk not in decidable]


@transaction.atomic
def accept(invitation, user):
    """Accept a pending invitation; a co-owner invitation makes the organisation an owner.
    Returns False if it was decided already (for instance by another coordinator)."""
    decided = Invitation.objects.filter(pk=invitation.pk, state=InvitationState.PENDING).update(
        state=InvitationState.ACCEPTED, decided_by=user, decided_at=timezone.now()
    )
    if not decided:
        return False
    if invitation.kind == InvitationKind.OWNER:
        plan = invitation.plan
        last = plan.ownerships.aggregate(m=Max("position"))["m"]
        PlanOwner.objects.get_or_create(
            plan=plan,
            organisation=invitation.organisation,
            defaults={"position": 0 if last is None else last + 1},
        )
    return True


def decline(invitation, user):
    return bool(
        Invitation.objects.filter(pk=invitation.pk, state=InvitationState.PENDING).update(
            state=InvitationState.DECLINED, decided_by=user, decided_at=timezone.now()
        )
    )


def pending(plan):
    return plan.invitations.filter(state=InvitationState.PENDING).select_related("organisation")
