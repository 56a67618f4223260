"""Forms of the Secretariat's back office for the country profiles."""

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from countries.models import PolicyDocument
from countries.services.indicators import IndicatorFileError, indicator_file_lines
from rabat.admin_widgets import StoredFileInput
from rabat.uploads import CheckedFileFormMixin, UploadField

POLICY_DOCUMENT_MAX_BYTES = 25 * 1024 * 1024
INDICATOR_FILE_MAX_BYTES = 2 * 1024 * 1024


class PolicyDocumentAdminForm(CheckedFileFormMixin, forms.ModelForm):
    """A policy document: a link, or its file accepted for its content
    (rabat.uploads) and stored under a generated name."""

    file_max_bytes = POLICY_DOCUMENT_MAX_BYTES

    class Meta:
        model = PolicyDocument
        fields = ["country", "title", "kind", "date", "summary", "url", "file"]
        widgets = {
            "file": StoredFileInput(url=lambda document: document.get_file_url())
        }
        field_classes = {"file": UploadField}

    url = forms.URLField(
        label=PolicyDocument._meta.get_field("url").verbose_name,
        max_length=PolicyDocument._meta.get_field("url").max_length,
        required=False,
        assume_scheme="https",
    )

    def clean(self):
        cleaned_data = super().clean()
        # A refused upload already says why.
        has_file = bool(cleaned_data.get("file")) or "file" in self.errors
        if not cleaned_data.get("url") and not has_file:
            # On the link: its constraint is then not checked again.
            self.add_error(
                "url",
                ValidationError(
                    _("Give a link to the document or upload its file."),
                    code="no_link_or_file",
                ),
            )
        return cleaned_data


class IndicatorImportForm(forms.Form):
    """A CSV file of indicator values (countries.services.indicators)."""

    file = forms.FileField(
        label=_("CSV file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    dry_run = forms.BooleanField(
        label=_("Check only"),
        required=False,
        help_text=_("Show what the import would change, without writing anything."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "UTF-8 text, %(size)s at most: a header row, then one row per value "
            "with the indicator code, the ISO code of the country, the year, "
            "the value, the source and the link to the source (commas or "
            "semicolons between the columns)."
        ) % {"size": filesizeformat(INDICATOR_FILE_MAX_BYTES)}
        self.lines = []

    def clean_file(self):
        uploaded_file = self.cleaned_data["file"]
        if PurePath(uploaded_file.name or "").suffix.lower() != ".csv":
            raise ValidationError(
                _("Send a CSV file (its name ends in .csv)."), code="not_csv"
            )
        if uploaded_file.size > INDICATOR_FILE_MAX_BYTES:
            raise ValidationError(
                _("The file is too large: %(size)s at most.")
                % {"size": filesizeformat(INDICATOR_FILE_MAX_BYTES)},
                code="too_large",
            )
        try:
            self.lines = indicator_file_lines(uploaded_file.read())
        except IndicatorFileError as error:
            raise ValidationError(str(error), code="not_text") from error
        return uploaded_file
