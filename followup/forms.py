"""The form for writing a status update on a measure."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from followup.models import State, StatusUpdate
from samordna.cleaning import CleanModelForm


class StatusUpdateForm(CleanModelForm):
    # The newest update the writer had seen; a newer one at save time means a stale form.
    seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = StatusUpdate
        fields = ["as_of", "state", "scope", "done", "remaining"]
        widgets = {
            "as_of": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "state": forms.RadioSelect,
            "done": forms.Textarea(attrs={"rows": 3, "aria-describedby": "no-cases"}),
            "remaining": forms.Textarea(attrs={"rows": 3, "aria-describedby": "no-cases"}),
        }

    def __init__(self, *args, measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.fields["state"].choices = State.choices
        if measure.scopes:
            self.fields["scope"] = forms.ChoiceField(
                label=_("Municipality"),
                required=False,
                choices=[("", _("The whole measure"))] + [(s, s) for s in measure.scopes],
            )
        else:
            del self.fields["scope"]
        if not self.is_bound:
            latest = measure.status_updates.order_by("-id").values_list("id", flat=True).first()
            self.initial["seen"] = latest or 0

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"]
        if as_of > timezone.localdate():
            raise ValidationError(_("A status can only be given for today or an earlier date."))
        return as_of

    def is_stale(self):
        """True if someone wrote an update after this form was opened."""
        seen = self.cleaned_data.get("seen") or 0
        return self.measure.status_updates.filter(id__gt=seen).exists()
