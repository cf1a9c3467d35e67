"""Forms for plans, goal areas, measures, organisations and contacts."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plans import invitations
from plans.access import coordinated_organisations, editable_plans
from plans.models import (
    Area,
    Contact,
    InvitationKind,
    Measure,
    Organisation,
    Plan,
    Responsibility,
    Timing,
)
from samordna.cleaning import CleanModelForm

NO_CASES = _(
    "Samordna holds plans, never cases: do not write anything about victims, "
    "perpetrators or individual cases."
)


class LinesField(forms.CharField):
    """A list of texts edited as one line each in a text area."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("One per line."))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PlanForm(CleanModelForm):
    owners = forms.ModelMultipleChoiceField(
        label=_("Owners"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The organisations that own the plan; several for a joint plan."),
    )
    invite_owners = forms.ModelMultipleChoiceField(
        label=_("Invite as co-owners"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_(
            "Other organisations are asked first: they become owners when one of their "
            "coordinators accepts."
        ),
    )
    goals = LinesField(label=_("Goals"))
    target_groups = LinesField(label=_("Target groups"))

    class Meta:
        model = Plan
        fields = [
            "title",
            "slug",
            "kind",
            "language",
            "owners",
            "invite_owners",
            "parent",
            "period_start",
            "period_end",
            "vision",
            "purpose",
            "note",
            "goals",
            "target_groups",
            "published",
            "answers_count_when",
        ]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "vision": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"slug": _("Used in links; leave empty to make one from the title.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        allowed = coordinated_organisations(user)
        current = Organisation.objects.none()
        if self.instance.pk:
            current = Organisation.objects.filter(planowner__plan=self.instance)
            self.initial["owners"] = list(current.values_list("pk", flat=True))
        self.fields["owners"].queryset = (allowed | current).distinct().order_by("name")
        # Any organisation may be asked; only the ones this user keeps are owners at once.
        self.fields["invite_owners"].queryset = Organisation.objects.exclude(
            pk__in=(allowed | current).values("pk")
        ).order_by("name")
        if not self.fields["invite_owners"].queryset.exists():
            del self.fields["invite_owners"]
        self.fields["slug"].required = False
        self.fields["answers_count_when"].required = False
        # A parent is one of the plans this user edits (or the one it has already).
        parents = editable_plans(user)
        if self.instance.parent_id:
            parents = Plan.objects.filter(
                Q(pk__in=parents.values("pk")) | Q(pk=self.instance.parent_id)
            )
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents.distinct()

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug and Plan.objects.exclude(pk=self.instance.pk).filter(slug=slug).exists():
            raise ValidationError(_("Another plan already has this short name."))
        return slug

    def clean_answers_count_when(self):
        return self.cleaned_data.get("answers_count_when") or "submitted"

    def clean_owners(self):
        owners = self.cleaned_data["owners"]
        if not self.user.is_superuser:
            allowed = set(coordinated_organisations(self.user).values_list("pk", flat=True))
            if not any(o.pk in allowed for o in owners):
                raise ValidationError(
                    _("Keep at least one organisation you coordinate for among the owners.")
                )
        return owners

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return cleaned

    def save(self, commit=True):
        plan = super().save(commit=False)
        if not plan.slug:
            plan.slug = Plan.unique_slug(plan.title, exclude_pk=plan.pk)
        plan.save()
        # Keep the order of owners already there; new ones go last.
        owners = list(self.cleaned_data["owners"])
        plan.ownerships.exclude(organisation__in=owners).delete()
        kept = list(plan.ownerships.order_by("position", "id"))
        kept_ids = {o.organisation_id for o in kept}
        for position, ownership in enumerate(kept):
            if ownership.position != position:
                ownership.position = position
                ownership.save(update_fields=["position"])
        for position, organisation in enumerate(
            (o for o in owners if o.pk not in kept_ids), start=len(kept)
        ):
            plan.ownerships.create(organisation=organisation, position=position)
        for organisation in self.cleaned_data.get("invite_owners") or []:
            invitations.invite(plan, organisation, InvitationKind.OWNER, self.user)
        return plan


class AreaForm(CleanModelForm):
    development = LinesField(label=_("Development opportunities"))

    class Meta:
        model = Area
        fields = ["parent", "number", "title", "description", "development"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        candidates = Area.objects.filter(plan=plan)
        if self.instance.pk:
            candidates = candidates.exclude(pk__in=self._self_and_descendants())
        self.fields["parent"].queryset = candidates

    def _self_and_descendants(self):
        ids, frontier = {self.instance.pk}, [self.instance.pk]
        while frontier:
            frontier = list(Area.objects.filter(parent__in=frontier).values_list("pk", flat=True))
            ids.update(frontier)
        return ids


class MeasureForm(CleanModelForm):
    partners = LinesField(label=_("Partners"))
    target_groups = LinesField(label=_("Target groups"))
    scopes = LinesField(
        label=_("Municipalities answered separately"),
        help_text=_("One municipality per line, only if each answers for its own part."),
    )
    refs = forms.CharField(
        label=_("Refers to measures"),
        required=False,
        help_text=_("Numbers of other measures in this plan, separated by commas: 9, 10"),
    )

    class Meta:
        model = Measure
        fields = [
            "area",
            "number",
            "title",
            "description",
            "kind",
            "timing",
            "timing_start",
            "timing_end",
            "timing_text",
            "partners",
            "target_groups",
            "prevention_level",
            "refs",
            "scopes",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4, "aria-describedby": "no-cases"}),
            "timing_start": DateInput(),
            "timing_end": DateInput(),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["area"].queryset = Area.objects.filter(plan=plan)
        # The model's list would otherwise show as "[]" and be refused on save.
        self.initial["refs"] = ", ".join(self.instance.refs or [])

    def clean_refs(self):
        refs = [r for r in re.split(r"[,\s;]+", self.cleaned_data.get("refs") or "") if r]
        numbers = set(self.plan.measures.exclude(number="").values_list("number", flat=True))
        unknown = [r for r in refs if r not in numbers]
        if unknown:
            raise ValidationError(
                _("This plan has no measure numbered %(numbers)s.")
                % {"numbers": ", ".join(unknown)}
            )
        if self.instance.number and self.instance.number in refs:
            raise ValidationError(_("A measure cannot refer to itself."))
        return refs

    def clean(self):
        cleaned = super().clean()
        timing = cleaned.get("timing")
        start, end = cleaned.get("timing_start"), cleaned.get("timing_end")
        if timing == Timing.PERIOD and not (start or end):
            self.add_error("timing_start", _("Give a start or an end date for a period."))
        if timing != Timing.PERIOD and (start or end):
            self.add_error("timing", _("Dates only apply when the timing is a period."))
        if start and end and end < start:
            self.add_error("timing_end", _("The period cannot end before it starts."))
        return cleaned


class ResponsibilityForm(CleanModelForm):
    class Meta:
        model = Responsibility
        fields = ["name", "phase", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An organisation alone says who is responsible; the role text is optional then.
        self.fields["name"].required = False

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        if not cleaned.get("name"):
            if organisation:
                cleaned["name"] = organisation.name
                self.instance.name = organisation.name
            elif not cleaned.get("DELETE"):
                self.add_error("name", _("Choose an organisation or write a role."))
        return cleaned


ResponsibilityFormSet = forms.inlineformset_factory(
    Measure,
    Responsibility,
    form=ResponsibilityForm,
    extra=2,
    can_delete=True,
)


class OrganisationForm(CleanModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "parent", "country", "time_zone", "municipality_number"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].required = False
        self.fields["time_zone"].help_text = _("Left empty, it follows the country.")

    def clean(self):
        from interchange.load import TIME_ZONE_OF_COUNTRY

        cleaned = super().clean()
        if not cleaned.get("time_zone") and cleaned.get("country"):
            cleaned["time_zone"] = TIME_ZONE_OF_COUNTRY[cleaned["country"]]
        return cleaned

    def clean_municipality_number(self):
        number = self.cleaned_data.get("municipality_number", "").strip()
        if number and not re.fullmatch(r"\d{4}", number):
            raise ValidationError(_("A municipality number has four digits, like 3103."))
        return number

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        node = parent
        while node is not None and self.instance.pk:
            if node.pk == self.instance.pk:
                raise ValidationError(_("An organisation cannot be part of itself."))
            node = node.parent
        return parent


class ContactForm(CleanModelForm):
    class Meta:
        model = Contact
        fields = ["name", "title", "organisation", "email", "phone", "language"]
