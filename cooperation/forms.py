"""Forms for groups and members, meetings, agendas, decisions, adoptions, the wheel and duties."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cooperation.cadence import is_valid_rule, rule_from_cadence
from cooperation.models import (
    AgendaItem,
    AnnualEntry,
    Decision,
    Group,
    GroupMember,
    Meeting,
    ReportingDuty,
)
from followup.models import State
from plans.models import Adoption, Measure
from samordna.cleaning import CleanModelForm

DATETIME = {"type": "datetime-local"}


def _rule(cleaned, words_field, rule_field, form):
    """Take the RRULE as given, or read it from the words; say so when neither works."""
    rule = (cleaned.get(rule_field) or "").strip().upper().removeprefix("RRULE:")
    words = cleaned.get(words_field) or ""
    if rule and not is_valid_rule(rule):
        form.add_error(
            rule_field, _("This is not an iCalendar rule such as FREQ=MONTHLY;BYDAY=1TU.")
        )
    elif not rule and words:
        rule = rule_from_cadence(words) or ""
        if not rule:
            form.add_error(
                words_field,
                _(
                    "Samordna did not understand this. Write e.g. “every 14 days”, “monthly”, "
                    "“4 times a year” or “first Tuesday of March, June, September, December”, "
                    "or give the rule below."
                ),
            )
    cleaned[rule_field] = rule
    return cleaned


class GroupForm(CleanModelForm):
    class Meta:
        model = Group
        fields = [
            "name",
            "level",
            "mandate",
            "cadence",
            "recurrence",
            "first_meeting",
            "meeting_minutes",
            "location",
            "chair",
            "secretary",
            "convener",
            "reports_to",
        ]
        widgets = {
            "mandate": forms.Textarea(attrs={"rows": 4}),
            "first_meeting": forms.DateTimeInput(attrs=DATETIME, format="%Y-%m-%dT%H:%M"),
        }

    def clean(self):
        return _rule(super().clean(), "cadence", "recurrence", self)


MemberFormSet = forms.inlineformset_factory(
    Group, GroupMember, fields=["name", "contact", "organisation"], extra=2, can_delete=True
)


class MeetingForm(CleanModelForm):
    class Meta:
        model = Meeting
        fields = ["starts_at", "ends_at", "location", "state"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs=DATETIME, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs=DATETIME, format="%Y-%m-%dT%H:%M"),
        }

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("starts_at")
            and cleaned.get("ends_at")
            and cleaned["ends_at"] <= cleaned["starts_at"]
        ):
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return cleaned


class MinutesForm(CleanModelForm):
    class Meta:
        model = Meeting
        fields = ["minutes", "state"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 8, "aria-describedby": "no-cases"})}


class AgendaItemForm(CleanModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "measure"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = Measure.objects.filter(plan=plan)


class DecisionForm(CleanModelForm):
    state = forms.ChoiceField(
        label=_("New state of the measure"),
        required=False,
        choices=[("", "—")] + list(State.choices),
        help_text=_("Only for a status update: it goes into the measure's history."),
    )

    class Meta:
        model = Decision
        fields = ["text", "kind", "measure"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "aria-describedby": "no-cases"})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = Measure.objects.filter(plan=plan)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind in ("new_measure", "change", "status") and not cleaned.get("measure"):
            self.add_error("measure", _("Link the measure this decision is about."))
        if kind == "status" and not cleaned.get("state"):
            self.add_error("state", _("Give the measure's new state."))
        return cleaned


class AdoptionForm(CleanModelForm):
    class Meta:
        model = Adoption
        fields = ["organisation", "body", "reference", "date", "state", "deadline"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("state") in ("adopted", "declined") and not cleaned.get("date"):
            self.add_error("date", _("Give the date of the decision."))
        return cleaned


class AnnualEntryForm(CleanModelForm):
    repeats_words = forms.CharField(
        label=_("Repeats"),
        required=False,
        help_text=_("In words, e.g. “every year”, “last Monday of March”; or give the rule below."),
    )

    class Meta:
        model = AnnualEntry
        fields = [
            "title",
            "kind",
            "starts",
            "days",
            "repeats_words",
            "recurrence",
            "group",
            "description",
        ]
        widgets = {"starts": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.filter(plans=plan)

    def clean(self):
        return _rule(super().clean(), "repeats_words", "recurrence", self)


class DutyForm(CleanModelForm):
    repeats_words = forms.CharField(
        label=_("How often"), help_text=_("e.g. “every half year”, “yearly”."), required=False
    )

    class Meta:
        model = ReportingDuty
        fields = ["title", "to_group", "starts", "ends", "repeats_words", "recurrence"]
        widgets = {
            "starts": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_group"].queryset = Group.objects.filter(plans=plan)
        self.fields["recurrence"].required = False

    def clean(self):
        cleaned = _rule(super().clean(), "repeats_words", "recurrence", self)
        if not cleaned.get("recurrence") and not self.errors:
            raise ValidationError(_("Say how often the report is due."))
        if cleaned.get("ends") and cleaned.get("starts") and cleaned["ends"] < cleaned["starts"]:
            self.add_error("ends", _("The last date cannot be before the first."))
        return cleaned
