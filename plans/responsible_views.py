"""The merge page: a plan's free-text responsibles grouped by likeness, matched to
organisations a group at a time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from plans import access, invitations
from plans.responsible import match_group, name_groups, organisation_for_name
from samordna.cleaning import text_problem
from samordna.query import whole_number


def _chosen_organisation(request, plan, offered):
    """The organisation the form names: a new name typed, else one chosen from `offered`."""
    new_name = " ".join(request.POST.get("new_name", "").split())
    if len(new_name) > 200:
        return None  # too long for a name: refused like an empty choice
    if new_name:
        return organisation_for_name(new_name, plan, request.user)[0]
    return offered.filter(pk=whole_number(request.POST.get("organisation"))).first()


@login_required
def responsible_groups(request, slug):
    plan = access.plan_for_edit(request, slug)
    # The organisations offered are the measure form's; naming one is an invitation.
    offered = access.nameable_organisations(request.user, plan)
    if request.method == "POST":
        key = request.POST.get("key", "")
        problem = text_problem(request.POST.get("new_name", ""))
        if problem:  # PostgreSQL refuses NUL in the new organisation's name
            messages.error(request, problem)
            return redirect("plans:responsible", plan.slug)
        with transaction.atomic():
            organisation = _chosen_organisation(request, plan, offered)
            count, waiting = 0, []
            if organisation is not None:
                count = match_group(plan, key, organisation)
                if count:
                    waiting = invitations.invite_participants(plan, [organisation], request.user)
                else:
                    transaction.set_rollback(True)  # nothing to match: add no organisation
        if organisation is None:
            messages.error(request, _("Choose an organisation, or write the name of a new one."))
        elif count:
            messages.success(
                request,
                _("%(count)s responsibilities now point to %(organisation)s.")
                % {"count": count, "organisation": organisation.name},
            )
            invitations.say_invited(request, waiting)
        else:
            messages.warning(request, _("Those names were matched already."))
        return redirect("plans:responsible", plan.slug)
    groups = name_groups(plan, offered)
    return render(
        request,
        "plans/responsible_groups.html",
        {
            "plan": plan,
            "groups": groups,
            "organisations": offered.only("pk", "name").order_by("name"),
            "duplicates": sum(1 for g in groups if len(g.spellings) > 1),
        },
    )
