"""Forms of the Secretariat's back office for the library."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from library.models import Document
from rabat.uploads import UploadError, UploadField, upload_check

DOCUMENT_MAX_BYTES = 25 * 1024 * 1024


class DocumentAdminForm(forms.ModelForm):
    """A founding text, its file accepted for its content (rabat.uploads) and
    stored under a generated name; its safe name, type and size are kept."""

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
        # Not the admin's widget, which shows the stored (generated) path.
        widgets = {"file": forms.FileInput()}
        field_classes = {"file": UploadField}

    official_url = forms.URLField(
        label=Document._meta.get_field("official_url").verbose_name,
        help_text=Document._meta.get_field("official_url").help_text,
        required=False,
        assume_scheme="https",
    )

    def clean_file(self):
        uploaded_file = self.cleaned_data.get("file")
        if not isinstance(uploaded_file, UploadedFile):
            return uploaded_file  # the file already stored, unchanged
        try:
            content_type, name = upload_check(
                uploaded_file, max_bytes=DOCUMENT_MAX_BYTES
            )
        except UploadError as error:
            raise ValidationError(str(error), code="invalid_upload") from error
        uploaded_file.name = name
        self.instance.original_name = name
        self.instance.content_type = content_type
        self.instance.size = uploaded_file.size
        return uploaded_file
