"""The phone fields of the contact card: the example their help gives is
accepted, and their error suggests a number of the member's country."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from contacts.forms import ContactProfileForm, phone_example
from contacts.models import RoleKind
from tests.conftest import make_user
from tests.factories import ContactFactory, ContactRoleFactory, CountryFactory

pytestmark = pytest.mark.django_db

SENEGAL_OFFICE = "+221 30 101 23 45"
SENEGAL_MOBILE = "+221 70 123 45 67"


def member_of(iso_code, name):
    user = make_user("focal_point")
    contact = ContactFactory(
        user=user,
        email=user.email,
        country=CountryFactory(iso_code=iso_code, name_en=name, name_fr=name),
    )
    ContactRoleFactory(contact=contact, kind=RoleKind.FOCAL_POINT)
    return user


def card_data(**changes):
    return {
        "civility": "ms",
        "position": "Director",
        "organisation": "Ministry of Foreign Affairs",
        "email": changes.pop("email"),
        "personal_email": "",
        "office_phone": "",
        "mobile_phone": "",
        "languages": ["fr"],
        "preferred_language": "fr",
        **changes,
    }


def help_example(content, field):
    """The number the help text of `field` gives as its example."""
    match = re.search(
        rf'id="id_{field}_helptext"[^>]*>.*?(\+[\d ]+\d)', content, re.DOTALL
    )
    assert match, field
    return match.group(1)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_help_examples_are_numbers_of_the_members_country_and_accepted(
    client, language
):
    user = member_of("SN", "Senegal")
    client.force_login(user)
    with translation.override(language):
        url = reverse("contacts:profile")
    content = client.get(url).content.decode()
    office, mobile = (
        help_example(content, "office_phone"),
        help_example(content, "mobile_phone"),
    )
    assert (office, mobile) == (SENEGAL_OFFICE, SENEGAL_MOBILE)
    response = client.post(
        url, card_data(email=user.email, office_phone=office, mobile_phone=mobile)
    )
    assert response.status_code == 302
    user.contact.refresh_from_db()
    assert user.contact.office_phone.as_e164 == "+221301012345"
    assert user.contact.mobile_phone.as_e164 == "+221701234567"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Enter a valid phone number in international format"),
        ("fr", "Saisissez un numéro de téléphone valide au format international"),
    ],
)
def test_a_wrong_number_is_answered_with_a_number_of_the_members_country(
    client, language, message
):
    user = member_of("SN", "Senegal")
    client.force_login(user)
    with translation.override(language):
        url = reverse("contacts:profile")
    # +221 33 123 45 67 looks Senegalese, but no such line exists.
    response = client.post(
        url, card_data(email=user.email, office_phone="+221 33 123 45 67")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert SENEGAL_OFFICE in content
    assert 'value="+221 33 123 45 67"' in content
    assert "+12125552368" not in content


def test_a_national_number_of_the_members_country_is_accepted_and_stored_in_full(
    client,
):
    user = member_of("SN", "Senegal")
    client.force_login(user)
    response = client.post(
        reverse("contacts:profile"),
        card_data(email=user.email, office_phone="30 101 23 45"),
    )
    assert response.status_code == 302
    user.contact.refresh_from_db()
    assert user.contact.office_phone.as_e164 == "+221301012345"
    # Shown in full, as others in the directory read it.
    form = ContactProfileForm(instance=user.contact)
    assert 'value="+221 30 101 23 45"' in str(form["office_phone"])


def test_contacts_of_other_countries_get_their_own_example():
    assert phone_example("BE").startswith("+32 ")
    assert phone_example("FR").startswith("+33 ")
    # No country (a partner organisation's contact), or one without numbers:
    # a Moroccan example.
    assert phone_example(None).startswith("+212 ")
    assert phone_example("AA").startswith("+212 ")
