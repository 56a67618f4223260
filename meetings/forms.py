from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import MeetingType, Registration, RegistrationStatus
from meetings.selectors import in_year
from meetings.services import DELEGATES_MAX, DelegateData
from rabat.models import Theme

# Empty delegate rows offered: for a first answer, and below an existing delegation.
DELEGATE_ROWS_NEW = 3
DELEGATE_ROWS_MORE = 2


class DelegateForm(forms.Form):
    """One person of the delegation; a row left empty is ignored."""

    name = forms.CharField(max_length=200, required=False)
    function = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, number: int | str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # Numbered labels: each field must be named on its own for screen readers.
        self.fields["name"].label = _("Delegate %(number)s: name") % {"number": number}
        self.fields["function"].label = _("Delegate %(number)s: function") % {
            "number": number
        }
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        self.fields["function"].widget.attrs["autocomplete"] = "off"

    def clean(self):
        cleaned_data = super().clean()
        name, function = cleaned_data.get("name"), cleaned_data.get("function")
        if name and not function:
            self.add_error("function", _("Give this delegate's function too."))
        if function and not name:
            self.add_error("name", _("Give this delegate's name too."))
        return cleaned_data


class BaseDelegateFormSet(forms.BaseFormSet):
    def __init__(self, *args, extra_rows: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if extra_rows is None:
            extra_rows = DELEGATE_ROWS_MORE if self.initial else DELEGATE_ROWS_NEW
        self.extra = extra_rows

    def get_form_kwargs(self, index):
        return {"number": index + 1 if index is not None else ""}

    def delegates(self) -> list[DelegateData]:
        """The filled rows, in order (call once valid)."""
        return [
            {
                "name": form.cleaned_data["name"],
                "function": form.cleaned_data["function"],
            }
            for form in self.forms
            if form.cleaned_data.get("name")
        ]

    def typed_rows(self) -> list[DelegateData]:
        """What was typed in the rows, valid or not, empty rows left out."""
        rows = [
            {
                "name": (form["name"].value() or "").strip(),
                "function": (form["function"].value() or "").strip(),
            }
            for form in self.forms
        ]
        return [row for row in rows if row["name"] or row["function"]]


DelegateFormSet = forms.formset_factory(
    DelegateForm,
    formset=BaseDelegateFormSet,
    max_num=DELEGATES_MAX,
    absolute_max=DELEGATES_MAX,
    validate_max=True,
)


class RegistrationForm(forms.Form):
    """A member's answer to a meeting, with their delegation (`delegates`)."""

    status = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (RegistrationStatus.ATTENDING, _("We will attend")),
            (RegistrationStatus.NOT_ATTENDING, _("We will not attend")),
        ],
        initial=RegistrationStatus.ATTENDING,
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(
        label=_("Remarks"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything the organisers should know (access, visas...)."),
    )

    def __init__(
        self,
        data=None,
        *,
        delegates: list[DelegateData] | None = None,
        extra_rows: int | None = None,
        **kwargs,
    ):
        super().__init__(data, **kwargs)
        self.delegates = DelegateFormSet(
            data,
            initial=delegates or [],
            prefix="delegates",
            extra_rows=extra_rows,
            error_messages={
                "too_many_forms": _("A delegation has at most %(num)d people."),
            },
        )

    @classmethod
    def for_registration(cls, registration: Registration | None, data=None):
        """The form filled with the member's answer, if any (a cancelled one
        too: registering again starts from it, attending)."""
        if registration is None:
            return cls(data)
        status = registration.status
        if status == RegistrationStatus.CANCELLED:
            status = RegistrationStatus.ATTENDING
        return cls(
            data,
            initial={"status": status, "notes": registration.notes},
            delegates=[
                {"name": delegate.name, "function": delegate.function}
                for delegate in registration.delegates.all()
            ],
        )

    def with_more_rows(self) -> "RegistrationForm":
        """This (bound) form unsaved and unchecked, with more empty rows."""
        return RegistrationForm(
            initial={"status": self["status"].value(), "notes": self["notes"].value()},
            delegates=self.delegates.typed_rows()[:DELEGATES_MAX],
            extra_rows=DELEGATE_ROWS_NEW,
        )

    @property
    def is_attending(self) -> bool:
        return self.cleaned_data.get("status") == RegistrationStatus.ATTENDING

    def is_valid(self) -> bool:
        form_valid = super().is_valid()
        if not self.is_attending:
            # Nobody comes: the delegation rows are not read.
            return form_valid
        # Both checked, so that every error shows at once.
        delegates_valid = self.delegates.is_valid()
        return form_valid and delegates_valid

    def delegation(self) -> list[DelegateData]:
        """The delegates announced (call once valid)."""
        return self.delegates.delegates() if self.is_attending else []

    def clean(self):
        cleaned_data = super().clean()
        if (
            self.is_attending
            and self.delegates.is_valid()
            and not self.delegates.delegates()
        ):
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "Name at least one delegate (name and function), or "
                        "answer that you will not attend."
                    ),
                    code="no_delegate",
                ),
            )
        return cleaned_data

    @property
    def has_any_error(self) -> bool:
        if not self.is_bound:
            return False
        return bool(
            self.errors
            or (
                self.is_attending
                and (self.delegates.non_form_errors() or any(self.delegates.errors))
            )
        )


class MeetingFilterForm(forms.Form):
    """The filters of the meetings list (GET): type, theme and year."""

    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All types")), *MeetingType.choices],
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.filter(meetings__is_published=True).distinct(),
        to_field_name="slug",
        required=False,
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, data=None, *, years, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["theme"].empty_label = _("All themes")
        self.fields["year"].choices = [
            ("", _("All years")),
            *((year, year) for year in years),
        ]

    @property
    def active_filters(self) -> dict:
        """The valid filters chosen; an invalid one is ignored, not an error."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "")
        }

    def filter(self, meetings):
        filters = self.active_filters
        if "type" in filters:
            meetings = meetings.filter(meeting_type=filters["type"])
        if "theme" in filters:
            meetings = meetings.filter(themes=filters["theme"])
        if "year" in filters:
            meetings = in_year(meetings, filters["year"])
        return meetings
