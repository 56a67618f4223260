from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def query(self) -> str:
        """The text searched: empty when there is none, or when it is not
        valid (too long, a NUL byte...)."""
        return self.cleaned_data["q"] if self.is_valid() else ""

    def kind(self) -> str:
        """The kind of results asked for (`?type=`), as sent: the view keeps it
        only if it is one of the results' kinds, so a bad value never spoils
        the searched text."""
        return self.data.get("type", "")
