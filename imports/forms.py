"""Forms of the import pages: upload or paste, the small corrections, and creating the plan."""

from django import forms
from django.utils.translation import gettext_lazy as _

from imports.errors import UnreadableFile
from imports.safety import check_size
from plans.forms import NO_CASES
from plans.models import Area, Measure, Plan
from samordna.cleaning import CleanForm

ACCEPT = ".docx,.xlsx,.csv,.pdf,.txt,.md,.html,.htm"


class UploadForm(CleanForm):
    file = forms.FileField(
        label=_("Plan document"),
        required=False,
        help_text=_("Word (.docx), Excel (.xlsx), CSV, PDF, text (.txt, .md) or web page (.html)."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    text = forms.CharField(
        label=_("Or paste the plan’s text"),
        required=False,
        strip=False,  # trailing tabs are empty table cells
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=NO_CASES,
    )

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if upload and text:
            raise forms.ValidationError(_("Choose a file or paste text, not both."))
        # A chosen file the field refused (an empty one) has its own message already.
        if not upload and not text and not self.has_error("file"):
            raise forms.ValidationError(_("Choose a file, or paste the plan’s text."))
        if upload is not None:
            try:
                check_size(upload.size)
            except UnreadableFile as error:
                raise forms.ValidationError(str(error)) from None
        return data


def _longest(model):
    # The preview takes no longer title than the plan can store, so a correction that is
    # too long is refused where it is typed, not when the plan is created.
    return model._meta.get_field("title").max_length


class RenameForm(CleanForm):
    title = forms.CharField(label=_("Title"), max_length=_longest(Measure))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ResponsibleForm(CleanForm):
    responsible = forms.CharField(
        label=_("Responsible"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Names separated by commas; “Phase: Name” on its own line for a phase."),
    )


class MoveForm(CleanForm):
    area = forms.TypedChoiceField(label=_("Move to area"), coerce=int)

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(-1, _("No area"))] + [
            (i, f"{a.get('number') + '. ' if a.get('number') else ''}{a['title']}")
            for i, a in enumerate(areas)
        ]


class SplitForm(CleanForm):
    at = forms.TypedChoiceField(label=_("New measure starts at"), coerce=int)

    def __init__(self, *args, points=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at"].choices = [(i, text[:90]) for i, text in enumerate(points) if i > 0] or [
            (0, points[0][:90] if points else "")
        ]


class AreaForm(CleanForm):
    title = forms.CharField(label=_("Area title"), max_length=_longest(Area))


class CreateForm(CleanForm):
    title = forms.CharField(label=_("Title of the plan"), max_length=_longest(Plan))
    owners = forms.ModelMultipleChoiceField(
        label=_("Owned by"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least one organisation you coordinate for."),
    )
    other_owners = forms.CharField(
        label=_("Other owners"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "One organisation a line. New ones are added to the directory; existing ones "
            "are invited and become owners when their coordinators accept."
        ),
    )
    slug = forms.SlugField(label=_("Short name (in the address)"), required=False)
    status_as_of = forms.DateField(
        label=_("Status as of"),
        required=False,
        help_text=_("The date the document’s status column describes (YYYY-MM-DD)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    published = forms.BooleanField(label=_("Publish the plan"), required=False)

    def __init__(self, *args, organisations=None, needs_date=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owners"].queryset = organisations
        self.fields["status_as_of"].required = needs_date
