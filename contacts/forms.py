import phonenumbers
from django import forms
from django.contrib.auth.forms import SetPasswordMixin
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from contacts.models import SPOKEN_LANGUAGES, Contact, EmailChange, RoleKind
from contacts.selectors import ORGANISATIONS, directory_results
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


# The example of a phone number for a contact without a country (a partner
# organisation's): one of Morocco, where the dialogue was born.
PHONE_EXAMPLE_REGION = "MA"


def phone_example(
    region: str | None, number_type: int = phonenumbers.PhoneNumberType.FIXED_LINE
) -> str:
    """A valid number of `region` (libphonenumber's example), international
    format: what the phone fields suggest to a contact of that country."""
    for candidate in (region, PHONE_EXAMPLE_REGION):
        if not candidate:
            continue
        number = phonenumbers.example_number_for_type(
            candidate, number_type
        ) or phonenumbers.example_number(candidate)
        if number is not None:
            return phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
            )
    raise ValueError(f"No example phone number for {region}")


def phone_field(label) -> PhoneNumberField:
    """A phone field; ContactProfileForm gives it its contact's country."""
    return PhoneNumberField(label=label, required=False)


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
        """The contacts these filters select, in one queryset; invalid filters
        are ignored."""
        return self.results().queryset()

    def results(self):
        """The contacts these filters select, counted and read by page
        (selectors.DirectoryResults); invalid filters are ignored."""
        if not self.is_valid():
            return directory_results()
        data = self.cleaned_data
        return directory_results(
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
    office_phone = phone_field(_("Office phone"))
    mobile_phone = phone_field(_("Mobile phone"))
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
        region = instance.country.iso_code if instance.country_id else None
        for name, number_type in (
            ("office_phone", phonenumbers.PhoneNumberType.FIXED_LINE),
            ("mobile_phone", phonenumbers.PhoneNumberType.MOBILE),
        ):
            self._localise_phone_field(self.fields[name], region, number_type)

    @staticmethod
    def _localise_phone_field(field, region, number_type):
        """Numbers of the contact's country may be typed without their
        country code; the help and the error give one of its numbers."""
        if region and region in phonenumbers.SUPPORTED_REGIONS:
            # Parsing only: the widget keeps showing numbers internationally.
            field.region = region
        example = phone_example(region, number_type)
        field.help_text = _(
            "International format, starting with + and the country code, "
            "e.g. %(example)s."
        ) % {"example": example}
        field.error_messages["invalid"] = _(
            "Enter a valid phone number in international format, starting with "
            "+ and the country code, e.g. %(example)s."
        ) % {"example": example}

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
