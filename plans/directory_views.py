"""Pages for the directory of organisations and their contact persons."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from plans import access
from plans.forms import ContactForm, OrganisationForm


@login_required
def organisation_list(request):
    access.directory_for_edit(request)
    organisations = (
        access.editable_organisations(request.user)
        .select_related("parent")
        .annotate(contact_count=Count("contacts", distinct=True))
    )
    return render(request, "plans/organisation_list.html", {"organisations": organisations})


@login_required
def organisation_form(request, pk=None):
    access.directory_for_edit(request)
    organisation = (
        get_object_or_404(access.editable_organisations(request.user), pk=pk) if pk else None
    )
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        if organisation is None:
            form.instance.created_by = request.user
        form.save()
        messages.success(request, _("The organisation was saved."))
        return redirect("plans:organisations")
    return render(
        request, "plans/organisation_form.html", {"form": form, "organisation": organisation}
    )


@login_required
def contact_list(request):
    access.directory_for_edit(request)
    contacts, others = access.directory_contacts(request.user)
    return render(
        request,
        "plans/contact_list.html",
        {
            "contacts": contacts.select_related("organisation", "user"),
            "others": others.select_related("organisation"),
        },
    )


@login_required
def contact_form(request, pk=None):
    access.directory_for_edit(request)
    contact = get_object_or_404(access.editable_contacts(request.user), pk=pk) if pk else None
    form = ContactForm(request.POST or None, instance=contact)
    form.fields["organisation"].queryset = access.editable_organisations(request.user).order_by(
        "name"
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The contact was saved."))
        return redirect("plans:contacts")
    return render(request, "plans/contact_form.html", {"form": form, "contact": contact})
