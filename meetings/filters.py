from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import MeetingType
from meetings.selectors import in_year
from rabat.models import Theme


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
