"""The merge page: a plan's free-text responsibles grouped by likeness, matched to
organisations a group at a time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from plans import access
from plans.models import Organisation
from plans.responsible import match_group, name_groups
from samordna.query import whole_number


@login_required
def responsible_groups(request, slug):
    plan = access.plan_for_edit(request, slug)
    if request.method == "POST":
        key = request.POST.get("key", "")
        new_name = " ".join(request.POST.get("new_name", "").split())
        organisation = None
        if len(new_name) > 200:
            new_name = ""  # too long for a name: refused below like an empty choice
        elif new_name:
            try:
                with transaction.atomic():
                    organisation, _created = Organisation.objects.get_or_create(name=new_name)
            except IntegrityError:
                organisation = Organisation.objects.filter(name=new_name).first()
        else:
            organisation_id = whole_number(request.POST.get("organisation"))
            organisation = Organisation.objects.filter(pk=organisation_id).first()
        if organisation is None:
            messages.error(request, _("Choose an organisation, or write the name of a new one."))
        else:
            count = match_group(plan, key, organisation)
            if count:
                messages.success(
                    request,
                    _("%(count)s responsibilities now point to %(organisation)s.")
                    % {"count": count, "organisation": organisation.name},
                )
            else:
                messages.warning(request, _("Those names were matched already."))
        return redirect("plans:responsible", plan.slug)
    groups = name_groups(plan)
    return render(
        request,
        "plans/responsible_groups.html",
        {
            "plan": plan,
            "groups": groups,
            "organisations": Organisation.objects.only("pk", "name").order_by("name"),
            "duplicates": sum(1 for g in groups if len(g.spellings) > 1),
        },
    )
