"""Forms of the Secretariat's back office for the library."""

from django import forms

from library.models import Document
from rabat.admin_widgets import StoredFileInput
from rabat.uploads import CheckedFileFormMixin, UploadField

DOCUMENT_MAX_BYTES = 25 * 1024 * 1024


class DocumentAdminForm(CheckedFileFormMixin, forms.ModelForm):
    """A founding text, its file accepted for its content (rabat.uploads) and
    stored under a generated name; its safe name, type and size are kept."""

    file_max_bytes = DOCUMENT_MAX_BYTES

    class Meta:
        model = Document
        fields = [
            "title",
            "slug",
            "kind",
            "summary",
            "year",
            "date",
            "place",
            "languages",
            "official_url",
            "file",
            "themes",
            "countries",
            "is_published",
        ]
        widgets = {
            "file": StoredFileInput(url=lambda document: document.get_file_url())
        }
        field_classes = {"file": UploadField}

    official_url = forms.URLField(
        label=Document._meta.get_field("official_url").verbose_name,
        help_text=Document._meta.get_field("official_url").help_text,
        required=False,
        assume_scheme="https",
    )
