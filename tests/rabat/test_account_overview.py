"""My account: one page leading to the card, the password, two-factor
authentication, the email addresses and the Review subscription."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from tests.conftest import enable_two_factor, make_user
from tests.factories import ContactFactory, CountryFactory
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def test_a_member_sees_each_part_of_the_account_with_the_way_to_change_it(client):
    user = make_user("focal_point")
    ContactFactory(
        user=user,
        first_name="Mariama",
        last_name="Sow",
        country=CountryFactory(iso_code="SN", name_en="Senegal"),
    )
    client.force_login(user)
    content = client.get("/en/focal-points/account/").content.decode()
    assert "<h1>My account</h1>" in content
    assert "Mariama Sow" in content and "Senegal" in content
    for name in (
        "contacts:profile",
        "account_change_password",
        "mfa_activate_totp",
        "account_email",
    ):
        assert f'href="{reverse(name)}' in content, name
    assert "Not set up" in content
    assert user.email in content
    assert "You do not receive the Rabat Review." in content
    assert reverse("admin:index") not in content


def test_the_header_and_the_account_pages_lead_to_the_overview(client):
    client.force_login(make_user("focal_point"))
    overview = reverse("contacts:account")
    home = client.get("/en/").content.decode()
    assert f'<a href="{overview}">My account</a>' in home
    for name in ("account_email", "account_change_password", "mfa_index"):
        content = client.get(reverse(name)).content.decode()
        assert f'href="{overview}">Overview of my account</a>' in content, name


def test_the_secretariat_sees_its_second_factor_its_codes_and_the_back_office(
    client,
):
    user = enable_two_factor(make_user("secretariat_without_2fa"))
    RecoveryCodes.activate(user)
    SubscriberFactory(email=user.email, user=user, language="en")
    client.force_login(user)
    content = client.get("/en/focal-points/account/").content.decode()
    assert "Active" in content
    assert "10 recovery codes left." in content
    assert f'href="{reverse("mfa_view_recovery_codes")}"' in content
    assert f'href="{reverse("admin:index")}"' in content
    assert "Your account is not linked to a contact card." in content
    assert f"You receive the Rabat Review at {user.email} (language: English)." in (
        content
    )


def test_the_overview_is_in_french(client):
    client.force_login(make_user("secretariat_without_2fa"))
    content = client.get("/fr/focal-points/account/").content.decode()
    assert "<h1>Mon compte</h1>" in content
    assert "Non configurée" in content
    assert "Adresses de courriel" in content
    assert "Vos droits de Secrétariat" in content


def test_staff_without_a_group_reach_their_account(client):
    client.force_login(make_user("staff_without_2fa"))
    response = client.get(reverse("contacts:account"))
    assert response.status_code == 200
    assert reverse("mfa_activate_totp") in response.content.decode()
