"""Forms of the Secretariat's back office for meetings."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting, MeetingDocument
from rabat.admin_widgets import StoredFileInput
from rabat.timezones import timezone_choices
from rabat.uploads import CheckedFileFormMixin, UploadField

MEETING_DOCUMENT_MAX_BYTES = 25 * 1024 * 1024

ATTENDING = "attending"
ACTIVE = "active"


class MeetingAdminForm(forms.ModelForm):
    """A meeting in the admin: its time zone chosen from a list of the
    partners' zones, each as people say it ("Dakar — UTC+0 (Africa/Dakar)"),
    rather than typed. A zone stored before and not in the list stays a
    choice, so that saving the meeting keeps it."""

    class Meta:
        model = Meeting
        # The admin gives the fields of its fieldsets.
        fields = ["time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "time_zone" in self.fields:
            current = self.initial.get("time_zone") or self.instance.time_zone
            field = self.fields["time_zone"]
            self.fields["time_zone"] = forms.ChoiceField(
                label=field.label,
                required=False,
                help_text=_("The venue's, for the meeting's times."),
                choices=timezone_choices(current=current or ""),
                validators=field.validators,
            )


class MeetingDocumentForm(CheckedFileFormMixin, forms.ModelForm):
    """A document of a meeting, accepted for its content (rabat.uploads).

    The file is stored under a generated name (`document_upload_to`), with
    the extension of its real type; its safe name (a long one fitted to the
    field), type and size are kept.
    """

    file_max_bytes = MEETING_DOCUMENT_MAX_BYTES

    class Meta:
        model = MeetingDocument
        fields = ["title", "kind", "language", "visibility", "file", "position"]
        # Served by the view that checks who asks, not at a storage URL.
        widgets = {
            "file": StoredFileInput(url=lambda document: document.get_absolute_url())
        }
        field_classes = {"file": UploadField}


class AgendaItemFormSet(BaseInlineFormSet):
    """A meeting's sessions.

    AgendaItem.clean checks a session's day against the dates of a saved
    meeting; while the meeting is being added, it is checked here.
    """

    def clean(self):
        super().clean()
        meeting = self.instance
        if meeting.pk is not None or not (meeting.start_date and meeting.end_date):
            return
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            day = form.cleaned_data.get("date")
            if day and not meeting.start_date <= day <= meeting.end_date:
                form.add_error(
                    "date",
                    ValidationError(
                        _("The day must fall within the meeting's dates."),
                        code="outside_meeting",
                    ),
                )


class ParticipantsMessageForm(forms.Form):
    """A message of the Secretariat to a meeting's registrants, in French, in
    English or in both; a registrant gets the other language when theirs is
    missing."""

    recipients = forms.ChoiceField(
        label=_("Recipients"), widget=forms.RadioSelect, initial=ATTENDING
    )

    def __init__(self, *args, attending_count: int, active_count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].choices = [
            (
                ATTENDING,
                _("The registrants who attend (%(count)d)")
                % {"count": attending_count},
            ),
            (
                ACTIVE,
                _("Every registrant who answered, attending or not (%(count)d)")
                % {"count": active_count},
            ),
        ]
        for code, name in settings.LANGUAGES:
            self.fields[f"subject_{code}"] = forms.CharField(
                label=_("Subject (%(language)s)") % {"language": name},
                max_length=200,
                required=False,
            )
            self.fields[f"message_{code}"] = forms.CharField(
                label=_("Message (%(language)s)") % {"language": name},
                widget=forms.Textarea(attrs={"rows": 12}),
                required=False,
                help_text=_("Plain text."),
            )

    @property
    def attending_only(self) -> bool:
        return self.cleaned_data["recipients"] == ATTENDING

    def subjects(self) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(f"subject_{code}", "")
            for code, _name in settings.LANGUAGES
        }

    def messages(self) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(f"message_{code}", "")
            for code, _name in settings.LANGUAGES
        }

    def languages(self) -> list[tuple[str, str, str, str]]:
        """(code, name, subject, message) of each language written."""
        subjects, messages = self.subjects(), self.messages()
        return [
            (code, name, subjects[code], messages[code])
            for code, name in settings.LANGUAGES
            if subjects[code] and messages[code]
        ]

    def clean(self):
        cleaned_data = super().clean()
        complete = False
        for code, name in settings.LANGUAGES:
            subject = cleaned_data.get(f"subject_{code}")
            message = cleaned_data.get(f"message_{code}")
            if subject and not message:
                self.add_error(
                    f"message_{code}",
                    ValidationError(
                        _(
                            "Write the message in %(language)s, or leave its "
                            "subject empty."
                        ),
                        code="message_missing",
                        params={"language": name},
                    ),
                )
            elif message and not subject:
                self.add_error(
                    f"subject_{code}",
                    ValidationError(
                        _(
                            "Give the subject in %(language)s, or leave its "
                            "message empty."
                        ),
                        code="subject_missing",
                        params={"language": name},
                    ),
                )
            elif subject and message:
                complete = True
        if not complete and not self.errors:
            raise ValidationError(
                _("Write the subject and the message in French, in English or both."),
                code="no_language",
            )
        return cleaned_data
