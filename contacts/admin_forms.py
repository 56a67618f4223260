"""Forms of the Secretariat's back office for the contacts database."""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from contacts.forms import CONTACT_DETAILS_FIELDS, spoken_languages_field
from contacts.models import Contact, ContactRole


class ContactAdminForm(forms.ModelForm):
    """The contact's card as the Secretariat edits it; languages as checkboxes."""

    languages = spoken_languages_field()

    class Meta:
        model = Contact
        # The photo is the member's: resized and cleaned on their profile page.
        fields = [
            "civility",
            "first_name",
            "last_name",
            "position",
            "organisation",
            "country",
            "partner_organisation",
            *CONTACT_DETAILS_FIELDS,
        ]


class RoleHandoverForm(forms.Form):
    """Who takes `role` over, and from when."""

    start_date = forms.DateField(
        label=_("From"),
        initial=timezone.localdate,
        widget=AdminDateWidget,
        help_text=_(
            "The successor holds the role from this day; it ends the day before."
        ),
    )

    def __init__(self, *args, role: ContactRole, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.role = role
        # Searched as the role's "handed over to" field is in the admin.
        self.fields["successor"] = forms.ModelChoiceField(
            label=_("Successor"),
            queryset=Contact.objects.all(),
            widget=AutocompleteSelect(
                ContactRole._meta.get_field("successor"), admin_site
            ),
        )
        self.order_fields(["successor", "start_date"])

    def clean_successor(self):
        successor = self.cleaned_data["successor"]
        if successor.pk == self.role.contact_id:
            raise ValidationError(
                _("The successor must be someone other than the current holder."),
                code="same_person",
            )
        return successor

    def clean_start_date(self):
        start_date = self.cleaned_data["start_date"]
        if start_date < self.role.start_date:
            raise ValidationError(
                _("The handover cannot be before the role began (%(date)s)."),
                code="before_start",
                params={"date": date_format(self.role.start_date)},
            )
        return start_date

    def clean(self):
        if self.role.successor_id is not None:
            raise ValidationError(
                _("This role has already been handed over to %(successor)s."),
                code="already_handed_over",
                params={"successor": self.role.successor},
            )
        return super().clean()
