"""The Focal Points' proposed updates to their country's profile, and the
Secretariat's decision to decline one.

Each form gives the proposed values (`changes()`, by the model's field
names, as the proposal's `changes` JSON keeps them) and the reason; the
views hand them to countries.services.proposals."""

import datetime

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from countries.models import (
    YEAR_VALIDATORS,
    PolicyDocument,
    PolicyDocumentKind,
    ProfileProposal,
    ProposalKind,
)
from countries.services.proposals import CHANGE_FIELDS
from rabat.models import Institution, InstitutionKind, Objective, Theme
from rabat.uploads import CheckedFileFormMixin, UploadField

PROPOSAL_FILE_MAX_BYTES = 25 * 1024 * 1024

REASON_HELP = _("What the Secretariat should know: where the change comes from.")


def reason_field(*, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=_("Why"),
        help_text=REASON_HELP,
        required=required,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def one_language_required(form, *names: str, message) -> None:
    """An error on the first of `names` unless one of them is filled."""
    if not any(form.cleaned_data.get(name) for name in names):
        form.add_error(names[0], message)


def current_value(item, name: str):
    """`item`'s value of the field `name`: for a many-to-many field, the
    primary keys of what it holds, sorted (as a proposal keeps them)."""
    value = getattr(item, name)
    if hasattr(value, "all"):
        return sorted(related.pk for related in value.all())  # prefetched if read so
    return value


class ProposalForm(forms.Form):
    """The base of the proposals: a reason, and the proposed values."""

    value_fields: tuple[str, ...] = ()

    def __init__(self, *args, current=None, **kwargs):
        """`current`: the institution or document whose change is proposed;
        the form starts from its values."""
        self.current = current
        if current is not None:
            kwargs["initial"] = {
                **{name: current_value(current, name) for name in self.value_fields},
                **(kwargs.get("initial") or {}),
            }
        super().__init__(*args, **kwargs)

    def changes(self) -> dict:
        values = {}
        for name in self.value_fields:
            value = self.cleaned_data.get(name)
            if isinstance(value, datetime.date):
                value = value.isoformat()
            elif isinstance(value, QuerySet):
                value = sorted(value.values_list("pk", flat=True))
            values[name] = "" if value is None else value
        return values


class OverviewProposalForm(ProposalForm):
    value_fields = CHANGE_FIELDS[ProposalKind.OVERVIEW]

    overview_fr = forms.CharField(
        label=_("Overview in French"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "lang": "fr"}),
        help_text=_("Markdown."),
    )
    overview_en = forms.CharField(
        label=_("Overview in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "lang": "en"}),
        help_text=_("Markdown."),
    )
    reason = reason_field()

    def clean(self):
        cleaned = super().clean()
        one_language_required(
            self,
            "overview_fr",
            "overview_en",
            message=_("Write the new overview in French, in English or in both."),
        )
        return cleaned


class InstitutionProposalForm(ProposalForm):
    """An institution to add, or the new values of one."""

    value_fields = CHANGE_FIELDS[ProposalKind.INSTITUTION_ADD]

    name_fr = forms.CharField(label=_("Name in French"), max_length=250, required=False)
    name_en = forms.CharField(
        label=_("Name in English"), max_length=250, required=False
    )
    acronym_fr = forms.CharField(
        label=_("Acronym in French"), max_length=30, required=False
    )
    acronym_en = forms.CharField(
        label=_("Acronym in English"), max_length=30, required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=InstitutionKind.choices)
    competences_fr = forms.CharField(
        label=_("Competences in French"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "fr"}),
        help_text=Institution._meta.get_field("competences").help_text,
    )
    competences_en = forms.CharField(
        label=_("Competences in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "en"}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The themes it is competent for."),
    )
    objectives = forms.ModelMultipleChoiceField(
        label=_("Dakar Strategy objectives"),
        queryset=Objective.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )
    reason = reason_field()

    def clean(self):
        cleaned = super().clean()
        one_language_required(
            self,
            "name_fr",
            "name_en",
            message=_("Give the institution's name in French, in English or both."),
        )
        return cleaned


class RemovalProposalForm(ProposalForm):
    """An institution or a document to remove: why is required."""

    reason = reason_field(required=True)


class PolicyDocumentProposalForm(CheckedFileFormMixin, forms.ModelForm):
    """A policy document to add (a link or a file), or the new values of one
    (its file kept unless another is sent). The file goes through the
    portal's upload checks (rabat.uploads) onto the proposal."""

    file_max_bytes = PROPOSAL_FILE_MAX_BYTES
    value_fields = CHANGE_FIELDS[ProposalKind.DOCUMENT_ADD]

    title_fr = forms.CharField(
        label=_("Title in French"), max_length=300, required=False
    )
    title_en = forms.CharField(
        label=_("Title in English"), max_length=300, required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=PolicyDocumentKind.choices)
    date = forms.DateField(
        label=_("Date"),
        help_text=PolicyDocument._meta.get_field("date").help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    summary_fr = forms.CharField(
        label=_("Summary in French"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "fr"}),
    )
    summary_en = forms.CharField(
        label=_("Summary in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "en"}),
    )
    url = forms.URLField(
        label=_("Link"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = ProfileProposal
        fields = ["file", "reason"]
        field_classes = {"file": UploadField}
        labels = {"file": _("Or the file"), "reason": _("Why")}
        help_texts = {
            "file": _("PDF, office document or image, 25 MB at most."),
            "reason": REASON_HELP,
        }
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, current=None, **kwargs):
        self.current = current
        if current is not None:
            kwargs["initial"] = {
                **{name: getattr(current, name) for name in self.value_fields},
                **(kwargs.get("initial") or {}),
            }
        super().__init__(*args, **kwargs)
        if current is not None:
            self.fields["file"].label = _("A new file")
            self.fields["file"].help_text = _(
                "Leave it empty to keep the current file. PDF, office document "
                "or image, 25 MB at most."
            )

    changes = ProposalForm.changes

    def clean(self):
        cleaned = super().clean()
        one_language_required(
            self,
            "title_fr",
            "title_en",
            message=_("Give the document's title in French, in English or both."),
        )
        has_file = bool(cleaned.get("file")) or bool(
            self.current is not None and self.current.file
        )
        if not cleaned.get("url") and not has_file and "file" not in self.errors:
            self.add_error("url", _("Give a link to the document or send its file."))
        return cleaned


class KeyFigureProposalForm(ProposalForm):
    """A key figure: never without its source, reference year and link."""

    value_fields = CHANGE_FIELDS[ProposalKind.FIGURE_ADD]

    label_fr = forms.CharField(
        label=_("Label in French"), max_length=200, required=False
    )
    label_en = forms.CharField(
        label=_("Label in English"), max_length=200, required=False
    )
    value = forms.CharField(label=_("Value"), max_length=100)
    reference_year = forms.IntegerField(
        label=_("Reference year"),
        validators=YEAR_VALIDATORS,
        error_messages={"required": _("Give the year the figure refers to.")},
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        error_messages={"required": _("Name the source of the figure.")},
    )
    source_url = forms.URLField(
        label=_("Link to the source"),
        max_length=500,
        assume_scheme="https",
        error_messages={"required": _("Give a link to the source of the figure.")},
    )
    reason = reason_field()

    def clean(self):
        cleaned = super().clean()
        one_language_required(
            self,
            "label_fr",
            "label_en",
            message=_("Say what the figure counts, in French, in English or both."),
        )
        return cleaned


class DeclineForm(forms.Form):
    decline_reason = forms.CharField(
        label=_("Reason for declining"),
        help_text=_("Sent to the Focal Point who proposed the update."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why the proposal is declined.")},
    )


# The label of each proposed value, where proposals are shown side by side.
CHANGE_LABELS = {
    name: field.label
    for form in (
        OverviewProposalForm,
        InstitutionProposalForm,
        PolicyDocumentProposalForm,
        KeyFigureProposalForm,
    )
    for name, field in form.base_fields.items()
    if name in form.value_fields
}
