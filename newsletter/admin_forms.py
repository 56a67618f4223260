"""Forms of the Secretariat's back office for the Rabat Review."""

from pathlib import PurePath

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsletter.models import Article, Issue
from rabat.admin_widgets import StoredFileInput
from rabat.languages import LANGUAGES
from rabat.uploads import (
    UnknownTypeError,
    UploadError,
    UploadField,
    shortened_name,
    upload_check,
)

IMAGE_MAX_BYTES = 5 * 1024 * 1024
PDF_MAX_BYTES = 20 * 1024 * 1024
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
PDF_TYPES = ("application/pdf",)

NOW = "now"
LATER = "later"
TEST_BOTH = "both"


def _checked_upload(uploaded_file, *, max_bytes: int, accepted_types, refusal):
    """`uploaded_file` renamed safely if its content is of `accepted_types`
    (rabat.uploads decides, never the name); otherwise a ValidationError
    saying why: too large, empty, a PDF with scripts... or `refusal` (with
    the file's name) when it is of another type."""
    if not isinstance(uploaded_file, UploadedFile):
        return uploaded_file  # the file already stored, unchanged, or cleared
    name = shortened_name(PurePath(uploaded_file.name or "").name)
    try:
        content_type, safe_name = upload_check(uploaded_file, max_bytes=max_bytes)
    except UnknownTypeError:
        content_type = None
    except UploadError as error:
        raise ValidationError(str(error), code="invalid_upload") from error
    if content_type not in accepted_types:
        raise ValidationError(
            refusal,
            code="invalid_upload",
            params={"name": name, "size": filesizeformat(max_bytes)},
        )
    # The storage name (generated) keeps this extension: the detected type's.
    uploaded_file.name = safe_name
    return uploaded_file


IMAGE_REFUSAL = _(
    "“%(name)s” is not an image: send a JPEG, PNG, GIF or WebP image of "
    "%(size)s at most."
)
PDF_REFUSAL = _("“%(name)s” is not a PDF file: send a PDF of %(size)s at most.")


def _image(uploaded_file):
    return _checked_upload(
        uploaded_file,
        max_bytes=IMAGE_MAX_BYTES,
        accepted_types=IMAGE_TYPES,
        refusal=IMAGE_REFUSAL,
    )


def _pdf(uploaded_file):
    return _checked_upload(
        uploaded_file,
        max_bytes=PDF_MAX_BYTES,
        accepted_types=PDF_TYPES,
        refusal=PDF_REFUSAL,
    )


class IssueAdminForm(forms.ModelForm):
    """An issue; its cover image and PDFs accepted for their content."""

    class Meta:
        model = Issue
        fields = [
            "number",
            "period",
            "title",
            "introduction",
            "cover_image",
            "pdf_fr",
            "pdf_en",
        ]
        # A plain file field, for names of any length: the content check
        # below gives the messages (Django's image field would refuse first,
        # in its own words).
        field_classes = {
            "cover_image": UploadField,
            "pdf_fr": UploadField,
            "pdf_en": UploadField,
        }
        # The stored files as the site serves them, not their storage path.
        widgets = {
            "cover_image": StoredFileInput(
                url=lambda issue: reverse("newsletter:cover", args=[issue.number])
            ),
            "pdf_fr": StoredFileInput(
                url=lambda issue: reverse("newsletter:pdf", args=[issue.number, "fr"])
            ),
            "pdf_en": StoredFileInput(
                url=lambda issue: reverse("newsletter:pdf", args=[issue.number, "en"])
            ),
        }

    def clean_cover_image(self):
        return _image(self.cleaned_data.get("cover_image"))

    def clean_pdf_fr(self):
        return _pdf(self.cleaned_data.get("pdf_fr"))

    def clean_pdf_en(self):
        return _pdf(self.cleaned_data.get("pdf_en"))


ARTICLE_TAGS = ["themes", "countries", "meetings"]


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "position",
            "title",
            "body",
            "image",
            "image_description",
            *ARTICLE_TAGS,
        ]
        field_classes = {"image": UploadField}
        widgets = {
            "image": StoredFileInput(
                url=lambda article: reverse(
                    "newsletter:article_image", args=[article.pk]
                )
            )
        }

    def clean_image(self):
        return _image(self.cleaned_data.get("image"))


class TestSendForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        widget=forms.RadioSelect,
        choices=[
            *LANGUAGES,
            (TEST_BOTH, _("Both (two emails)")),
        ],
        initial=TEST_BOTH,
    )

    def languages(self) -> list[str]:
        language = self.cleaned_data["language"]
        return ["fr", "en"] if language == TEST_BOTH else [language]


class SendForm(forms.Form):
    """When to send an issue: now, or at a later date and time."""

    when = forms.ChoiceField(
        label=_("When"),
        widget=forms.RadioSelect,
        choices=[(NOW, _("Send now")), (LATER, _("Schedule for"))],
        initial=NOW,
    )
    scheduled_for = forms.SplitDateTimeField(
        label=_("Date and time"),
        widget=AdminSplitDateTime,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheduled_for"].help_text = _(
            "In the time zone of the site (%(zone)s)."
        ) % {"zone": timezone.get_default_timezone_name()}

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("when") != LATER:
            return cleaned_data
        moment = cleaned_data.get("scheduled_for")
        if moment is None and "scheduled_for" not in self.errors:
            self.add_error(
                "scheduled_for",
                ValidationError(
                    _("Give the date and time of the sending."), code="required"
                ),
            )
        elif moment is not None and moment <= timezone.now():
            self.add_error(
                "scheduled_for",
                ValidationError(
                    _("Choose a date and time in the future."), code="past"
                ),
            )
        return cleaned_data

    @property
    def send_now(self) -> bool:
        return self.cleaned_data["when"] == NOW

    def moment(self):
        return timezone.now() if self.send_now else self.cleaned_data["scheduled_for"]
