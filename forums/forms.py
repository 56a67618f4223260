import uuid

from django import forms
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from forums.attachments import ATTACHMENT_MAX_BYTES, MAX_ATTACHMENTS
from forums.models import POST_MAX_LENGTH, EmailFrequency, Forum, Report
from forums.services.moderation import (
    HIDDEN_REASON_MAX_LENGTH,
    REPORT_REASON_MAX_LENGTH,
)

ACCEPTED_FILES = ",".join(
    [
        "application/pdf",
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".odt",
        ".ods",
        ".odp",
    ]
)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's "Uploading multiple files")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPTED_FILES}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_file_clean = super().clean
        if isinstance(data, list | tuple):
            return [single_file_clean(item, initial) for item in data if item]
        return [single_file_clean(data, initial)] if data else []


class PostBodyField(forms.CharField):
    """Markdown text; line breaks counted once, as the browser counts them."""

    widget = forms.Textarea(attrs={"rows": 12, "class": "forum-body"})

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Message"),
            max_length=POST_MAX_LENGTH,
            strip=False,
            help_text=_(
                "Markdown: **bold**, *italic*, [link](https://…), > quote, "
                "- list. Mention a member with @Firstname.Lastname."
            ),
            error_messages={
                "required": _("Write a message before sending it."),
                "max_length": _(
                    "The message is too long: %(limit_value)d characters at most "
                    "(it has %(show_value)d)."
                ),
            },
            **kwargs,
        )

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n").rstrip()


class SubmissionKeyField(forms.UUIDField):
    """A new key at each display of the form: the same form sent twice has it twice."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=uuid.uuid4, **kwargs)

    def clean(self, value):
        return super().clean(value) or uuid.uuid4()


def attachments_field():
    return MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_(
            "Up to %(count)d files of %(size)d MB at most: PDF, images, office "
            "documents."
        )
        % {"count": MAX_ATTACHMENTS, "size": ATTACHMENT_MAX_BYTES // (1024 * 1024)},
    )


class TopicForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the topic a title.")},
    )
    body = PostBodyField()
    attachments = attachments_field()
    submission_key = SubmissionKeyField()


class ReplyForm(forms.Form):
    body = PostBodyField()
    attachments = attachments_field()
    submission_key = SubmissionKeyField()


class EditForm(forms.Form):
    body = PostBodyField()
    # The post's `edited_at` when the form was opened, to detect edit conflicts.
    base_edited_at = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_base_edited_at(self):
        value = self.cleaned_data["base_edited_at"]
        if not value:
            return None
        try:
            parsed = parse_datetime(value)
        except ValueError:
            parsed = None
        if parsed is None:
            raise forms.ValidationError(_("Open the message again to edit it."))
        return parsed

    @staticmethod
    def initial_for(post):
        return {
            "body": post.body,
            "base_edited_at": post.edited_at.isoformat() if post.edited_at else "",
        }


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should the moderators look at this post?"),
        max_length=REPORT_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, shown to members"),
        max_length=HIDDEN_REASON_MAX_LENGTH,
    )


class MoveForm(forms.Form):
    forum = forms.ModelChoiceField(
        label=_("Move to the forum"), queryset=Forum.objects.none()
    )

    def __init__(self, *args, forums, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = forums


class DismissForm(forms.Form):
    report = forms.ModelChoiceField(queryset=Report.objects.none())

    def __init__(self, *args, reports, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report"].queryset = reports


NO_SUBSCRIPTION = "none"


class SubscriptionForm(forms.Form):
    level = forms.ChoiceField(
        choices=[("follow", "follow"), ("mute", "mute"), (NO_SUBSCRIPTION, "none")]
    )


class EmailFrequencyForm(forms.Form):
    email_frequency = forms.ChoiceField(
        label=_("Forum emails"),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
    )
