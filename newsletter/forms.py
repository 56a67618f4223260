from django import forms
from django.utils.translation import gettext_lazy as _

from rabat.languages import LANGUAGES


class SubscribeForm(forms.Form):
    """The public subscription: an address, its language, explicit consent."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the Review"),
        choices=LANGUAGES,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree to receive the Rabat Review by email. I can unsubscribe at "
            "any time from a link in every issue."
        ),
        error_messages={
            "required": _("Tick this box to agree to receive the Rabat Review.")
        },
    )


class MemberSubscriptionForm(forms.Form):
    """A member's own subscription: the button pressed says subscribe or not."""

    SUBSCRIBE = "subscribe"
    UNSUBSCRIBE = "unsubscribe"

    action = forms.ChoiceField(
        choices=[(SUBSCRIBE, _("Subscribe")), (UNSUBSCRIBE, _("Unsubscribe"))],
        widget=forms.HiddenInput,
    )
    language = forms.ChoiceField(
        label=_("Language of the Review"),
        choices=LANGUAGES,
        widget=forms.RadioSelect,
        required=False,
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("action") == self.SUBSCRIBE and not cleaned_data.get(
            "language"
        ):
            self.add_error("language", _("Choose the language of the Review."))
        return cleaned_data

    @property
    def subscribes(self) -> bool:
        return self.cleaned_data["action"] == self.SUBSCRIBE
