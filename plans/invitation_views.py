"""The page where coordinators answer invitations of their organisations into other plans."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans import access, invitations
from plans.models import Invitation, InvitationState


@login_required
def invitation_list(request):
    access.directory_for_edit(request)
    incoming = access.invitations_to_decide(request.user).select_related(
        "plan", "organisation", "invited_by"
    )
    outgoing = (
        Invitation.objects.filter(
            plan__in=access.editable_plans(request.user).values("pk"),
            state=InvitationState.PENDING,
        )
        .exclude(pk__in=incoming.values("pk"))
        .select_related("plan", "organisation")
    )
    return render(
        request,
        "plans/invitation_list.html",
        {
            "pending": [i for i in incoming if i.state == InvitationState.PENDING],
            "decided": [i for i in incoming if i.state != InvitationState.PENDING][:50],
            "outgoing": outgoing,
        },
    )


@login_required
@require_POST
def invitation_decide(request, pk):
    invitation = access.invitation_for_decision(request, pk)
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        messages.error(request, _("Choose whether to accept or decline."))
        return redirect("plans:invitations")
    if decision == "accept":
        done = invitations.accept(invitation, request.user)
        message = _("%(organisation)s now takes part in “%(plan)s”.")
    else:
        done = invitations.decline(invitation, request.user)
        message = _("The invitation of %(organisation)s to “%(plan)s” was declined.")
    names = {"organisation": invitation.organisation.name, "plan": invitation.plan.title}
    if done:
        messages.success(request, message % names)
    else:
        messages.info(request, _("This invitation was answered already."))
    return redirect("plans:invitations")
