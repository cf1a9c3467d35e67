"""Forms to type an indicator and its values, and to upload a file of values."""

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator, IndicatorValue
from samordna.cleaning import CleanForm, CleanModelForm


class IndicatorForm(CleanModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "source",
            "description",
            "direction",
            "baseline_year",
            "baseline_value",
            "target_year",
            "target_value",
            "reference_value",
            "reference_label",
            "area",
            "measures",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["area"].queryset = plan.areas.all()
        self.fields["measures"].queryset = plan.measures.all()

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Indicator.objects.filter(plan=self.plan, name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("The plan already has an indicator with this name."))
        return name

    def clean(self):
        data = super().clean()
        for part in ("baseline", "target"):
            year, value = data.get(f"{part}_year"), data.get(f"{part}_value")
            if (year is None) != (value is None) and not self.has_error(f"{part}_year"):
                self.add_error(
                    f"{part}_value" if value is None else f"{part}_year",
                    _("Give both the year and the value, or neither."),
                )
        return data


class ValueForm(CleanModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["year", "value", "place", "note"]

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator

    def clean(self):
        data = super().clean()
        year, place = data.get("year"), data.get("place", "")
        if year and self.indicator.values.filter(year=year, place=place).exists():
            raise forms.ValidationError(
                _("There is already a value for %(year)s%(place)s; delete it first to replace it.")
                % {"year": year, "place": f" ({place})" if place else ""}
            )
        return data


class UploadForm(CleanForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (comma or semicolon) or Excel, one value per row with the columns "
            "indicator, year, value, and optionally unit, source and place."
        ),
    )
