"""One word for email per language: "courriel" in French, never "e-mail" nor
"adresse électronique" (allauth's French), on every account page."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import translation

from rabat import roles
from tests.conftest import enable_two_factor
from tests.factories import ContactFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
ANONYMOUS_PAGES = [
    "account_login",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
]
MEMBER_PAGES = [
    "contacts:account",
    "contacts:profile",
    "account_email",
    "account_change_password",
    "mfa_index",
    "mfa_activate_totp",
    "account_reauthenticate",
]
TWO_FACTOR_PAGES = ["mfa_index", "mfa_view_recovery_codes", "mfa_deactivate_totp"]
FORBIDDEN = re.compile(r"e-mail|électronique", re.IGNORECASE)


def french_page(client, name):
    with translation.override("fr"):
        url = reverse(name)
    response = client.get(url)
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


def assert_one_word_for_email(content, name):
    found = FORBIDDEN.findall(content)
    assert not found, (name, found)


def test_french_account_pages_say_courriel(client):
    for name in ANONYMOUS_PAGES:
        assert_one_word_for_email(french_page(client, name), name)
    assert "Courriel" in french_page(client, "account_login")

    user = UserFactory(email="mariama@example.org", groups=[roles.FOCAL_POINT])
    ContactFactory(user=user, email=user.email)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    for name in MEMBER_PAGES:
        assert_one_word_for_email(french_page(client, name), name)
    # An address waiting for its confirmation (which also holds back the
    # two-factor set-up) is shown with its own words.
    EmailAddress.objects.create(user=user, email="other@example.org", verified=False)
    content = french_page(client, "account_email")
    assert "Adresses de courriel" in content
    assert_one_word_for_email(content, "account_email")
    assert_one_word_for_email(french_page(client, "contacts:account"), "overview")
    EmailAddress.objects.filter(email="other@example.org").delete()

    enable_two_factor(user)
    client.get(reverse("mfa_generate_recovery_codes"))
    client.post(reverse("mfa_generate_recovery_codes"))
    for name in TWO_FACTOR_PAGES:
        assert_one_word_for_email(french_page(client, name), name)


def test_french_form_errors_say_courriel(client):
    UserFactory(email="mariama@example.org")
    with translation.override("fr"):
        url = reverse("account_login")
    content = client.post(
        url, {"login": "mariama@example.org", "password": "wrong"}
    ).content.decode()
    assert "adresse de courriel ou le mot de passe" in content
    assert_one_word_for_email(content, "login error")
