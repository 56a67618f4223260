from django import forms
from django.contrib.auth.forms import SetPasswordMixin
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from contacts.models import SPOKEN_LANGUAGES, Contact, EmailChange, RoleKind
from contacts.selectors import ORGANISATIONS, contact_directory
from rabat.models import Country, Region, Theme, User

# How to reach a contact and what others may see of it: edited by the member
# on their profile and by the Secretariat in the admin.
CONTACT_DETAILS_FIELDS = [
    "email",
    "personal_email",
    "show_personal_email",
    "office_phone",
    "mobile_phone",
    "show_mobile_phone",
    "languages",
    "preferred_language",
]


def spoken_languages_field():
    """The contact's languages (a JSON list of codes) as checkboxes."""
    return forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=SPOKEN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class DirectoryFilterForm(forms.Form):
    """The directory's search box, filters and sort order (GET)."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[
            ("", _("All regions")),
            *Region.choices,
            (ORGANISATIONS, _("Organisations")),
        ],
    )
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", _("All roles")), *RoleKind.choices],
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), required=False
    )
    steering_committee = forms.BooleanField(
        label=_("Steering Committee only"), required=False
    )
    former = forms.BooleanField(label=_("Include former contacts"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name")),
            ("country", _("Country")),
            ("-verified", _("Recently verified")),
            ("relevance", _("Relevance")),
        ],
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["country"].empty_label = _("All countries")
        self.fields["theme"].empty_label = _("All themes")

    def directory(self):
        """The contacts these filters select; invalid filters are ignored."""
        if not self.is_valid():
            return contact_directory()
        data = self.cleaned_data
        return contact_directory(
            query=data["q"],
            country=data["country"],
            region=data["region"],
            role=data["role"],
            theme=data["theme"],
            steering_committee=data["steering_committee"],
            include_former=data["former"],
            ordering=data["sort"] or ("relevance" if data["q"] else "name"),
        )


class ContactProfileForm(forms.ModelForm):
    """What a member may change on their own card (not country, roles, name).

    The email fields are not saved with the rest: a new address waits for its
    confirmation from its mailbox (services.contact_emails_update).
    """

    email = forms.EmailField(label=_("Work email"))
    personal_email = forms.EmailField(label=_("Personal email"), required=False)
    languages = spoken_languages_field()
    office_phone = PhoneNumberField(
        label=_("Office phone"),
        required=False,
        help_text=_("International format, e.g. +221 33 123 45 67."),
    )
    mobile_phone = PhoneNumberField(
        label=_("Mobile phone"),
        required=False,
        help_text=_("International format, e.g. +32 470 12 34 56."),
    )
    new_photo = forms.FileField(
        label=_("New photo"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF, 5 MB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)

    field_order = ["civility", "position", "organisation", *CONTACT_DETAILS_FIELDS]

    class Meta:
        model = Contact
        fields = [
            "civility",
            "position",
            "organisation",
            *(
                name
                for name in CONTACT_DETAILS_FIELDS
                if name not in EmailChange.Field.values
            ),
        ]

    def __init__(self, *args, instance, **kwargs):
        super().__init__(*args, instance=instance, **kwargs)
        for name in EmailChange.Field.values:
            self.fields[name].initial = getattr(instance, name)

    def email_fields(self) -> dict[str, str]:
        """The addresses typed in the email fields, by field name."""
        return {name: self.cleaned_data[name] for name in EmailChange.Field.values}


class InvitationPasswordForm(SetPasswordMixin, forms.Form):
    """A new password, twice, checked by the project's password validators."""

    password1, password2 = SetPasswordMixin.create_password_fields()

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        # The account to be: the password must not resemble its name or email.
        self.user = user

    def clean(self):
        self.validate_passwords()
        self.validate_password_for_user(self.user)
        return super().clean()
