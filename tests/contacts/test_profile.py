import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import ContactRole, RoleKind
from tests.conftest import make_user
from tests.factories import ContactFactory, ContactRoleFactory, CountryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    user = make_user("focal_point")
    contact = ContactFactory(
        user=user,
        first_name="Mariama",
        last_name="Sow",
        country=CountryFactory(iso_code="SN", name_en="Senegal", name_fr="Sénégal"),
        last_verified_at=timezone.now() - datetime.timedelta(days=400),
    )
    ContactRoleFactory(contact=contact, kind=RoleKind.FOCAL_POINT)
    return user


def profile_data(**changes):
    data = {
        "civility": "ms",
        "position": "Director",
        "organisation": "Ministry of Foreign Affairs",
        "email": "mariama@example.org",
        "personal_email": "",
        "office_phone": "+221 33 821 12 34",
        "mobile_phone": "",
        "languages": ["fr", "en"],
        "preferred_language": "fr",
    }
    data.update(changes)
    return data


def test_member_edits_their_own_card(member_client, member):
    response = member_client.post(
        reverse("contacts:profile"),
        profile_data(show_mobile_phone="on", mobile_phone="+32 470 12 34 56"),
    )
    assert response.status_code == 302
    contact = member.contact
    contact.refresh_from_db()
    assert contact.position == "Director"
    assert contact.office_phone.as_e164 == "+221338211234"
    assert contact.mobile_phone.as_e164 == "+32470123456"
    assert contact.show_mobile_phone
    assert contact.languages == ["fr", "en"]
    # The change is in the card's history, with who made it.
    assert contact.history.first().history_user == member


def test_bad_phone_and_email_come_back_with_errors_and_nothing_lost(
    member_client, member
):
    response = member_client.post(
        reverse("contacts:profile"),
        profile_data(
            office_phone="12ab", email="not-an-email", position="Kept position"
        ),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Enter a valid phone number" in content
    assert "Enter a valid email address" in content
    assert 'value="Kept position"' in content
    assert 'value="12ab"' in content
    member.contact.refresh_from_db()
    assert member.contact.position == "Director of migration"


def test_member_cannot_change_country_name_or_roles(member_client, member):
    other_country = CountryFactory()
    member_client.post(
        reverse("contacts:profile"),
        profile_data(
            country=other_country.pk,
            first_name="Someone",
            last_name="Else",
            user=make_user("no_group").pk,
            roles=[RoleKind.SECRETARIAT],
            kind=RoleKind.SECRETARIAT,
        ),
    )
    contact = member.contact
    contact.refresh_from_db()
    assert contact.country.iso_code == "SN"
    assert contact.first_name == "Mariama"
    assert contact.user == member
    assert list(
        ContactRole.objects.filter(contact=contact).values_list("kind", flat=True)
    ) == [RoleKind.FOCAL_POINT]
    member.refresh_from_db()
    assert not member.is_staff


def test_the_profile_edits_only_the_members_own_card(member_client, member):
    other = ContactFactory(position="Untouched")
    member_client.post(
        reverse("contacts:profile"), profile_data(id=other.pk, pk=other.pk)
    )
    other.refresh_from_db()
    assert other.position == "Untouched"


def test_member_confirms_their_card_in_one_click(
    member_client, member, django_capture_on_commit_callbacks
):
    content = member_client.get("/en/focal-points/").content.decode()
    assert "has not been confirmed for more than a year" in content
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            reverse("contacts:profile_confirm"),
            {"next": reverse("contacts:dashboard")},
        )
    assert response["Location"] == reverse("contacts:dashboard")
    member.contact.refresh_from_db()
    assert timezone.now() - member.contact.last_verified_at < datetime.timedelta(
        minutes=1
    )
    content = member_client.get("/en/focal-points/").content.decode()
    assert "has not been confirmed for more than a year" not in content


def test_member_without_a_card_gets_a_clear_not_found(client):
    client.force_login(make_user("focal_point"))
    assert client.get(reverse("contacts:profile")).status_code == 404


def test_dashboard_lists_the_members_country_first(member_client, member):
    compatriot = ContactFactory(last_name="Compatriot", country=member.contact.country)
    ContactRoleFactory(contact=compatriot)
    foreigner = ContactFactory(last_name="Foreigner")
    ContactRoleFactory(contact=foreigner)
    content = member_client.get("/en/focal-points/").content.decode()
    assert "Compatriot" in content
    assert "Foreigner" not in content
