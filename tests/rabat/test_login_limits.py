"""Failed logins slow the guesser down without locking the owner out, and a
password reset never writes to an address without an account."""

import pytest
from django.core import mail
from django.test import Client

from rabat.adapters import KNOWN_DEVICE_COOKIE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
LOGIN = "/en/accounts/login/"
RESET = "/en/accounts/password/reset/"
OWNER_IP = "198.51.100.10"
STRANGER_IP = "203.0.113.66"
TOO_MANY = "Too many failed attempts to log in with this address"


def log_in(client, email, password, ip):
    return client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=ip)


def test_a_stranger_guessing_does_not_lock_the_owner_out(client):
    UserFactory(email="secretariat@example.org")
    for _attempt in range(20):
        log_in(client, "secretariat@example.org", "guess", STRANGER_IP)

    owner = log_in(client, "secretariat@example.org", PASSWORD, OWNER_IP)

    assert owner.status_code == 302
    assert "_auth_user_id" in client.session


def test_guessing_from_one_address_is_slowed_with_a_clear_message(client):
    UserFactory(email="secretariat@example.org")
    for _attempt in range(5):
        log_in(client, "secretariat@example.org", "guess", STRANGER_IP)

    # Even the right password waits from there: guessing gets nowhere.
    response = log_in(client, "secretariat@example.org", PASSWORD, STRANGER_IP)

    assert TOO_MANY in response.content.decode()
    assert "reset your password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_message_is_translated(client):
    UserFactory(email="secretariat@example.org")
    for _attempt in range(6):
        response = client.post(
            "/fr/accounts/login/",
            {"login": "secretariat@example.org", "password": "guess"},
            REMOTE_ADDR=STRANGER_IP,
        )
    assert "Trop de tentatives" in response.content.decode()


def test_guesses_spread_over_many_clients_meet_a_loose_limit(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "8/h/key",
    }
    UserFactory(email="secretariat@example.org")
    for n in range(8):
        log_in(client, "secretariat@example.org", "guess", f"192.0.2.{n}")

    response = log_in(client, "secretariat@example.org", "guess", "192.0.2.99")

    assert TOO_MANY in response.content.decode()


def browser_that_logged_in_as(user):
    """A browser that logged in as `user`, then out: it keeps its cookies but
    the session (the test client's logout() would forget every cookie)."""
    browser = Client()
    assert log_in(browser, user.email, PASSWORD, OWNER_IP).status_code == 302
    device = browser.cookies[KNOWN_DEVICE_COOKIE]
    browser = Client()
    browser.cookies[KNOWN_DEVICE_COOKIE] = device.value
    return browser


def test_the_owners_usual_browser_is_not_locked_out_by_spread_guesses(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "8/h/key",
    }
    owner = UserFactory(email="secretariat@example.org")
    client = browser_that_logged_in_as(owner)
    strangers = Client()
    for n in range(10):
        log_in(strangers, owner.email, "guess", f"192.0.2.{n}")

    # A new browser meets the loose limit; the owner's usual one does not.
    assert (
        TOO_MANY in log_in(Client(), owner.email, PASSWORD, OWNER_IP).content.decode()
    )
    response = log_in(client, owner.email, PASSWORD, OWNER_IP)

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_known_device_cookie_counts_only_for_its_own_address(settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "3/h/key",
    }
    UserFactory(email="secretariat@example.org")
    client = browser_that_logged_in_as(UserFactory(email="focal-point@example.org"))
    for n in range(3):
        log_in(Client(), "secretariat@example.org", "guess", f"192.0.2.{n}")

    response = log_in(client, "secretariat@example.org", PASSWORD, OWNER_IP)

    assert TOO_MANY in response.content.decode()


def test_the_password_reset_works_for_a_locked_address(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="secretariat@example.org")
    for _attempt in range(20):
        log_in(client, "secretariat@example.org", "guess", STRANGER_IP)

    assert client.get(RESET, REMOTE_ADDR=STRANGER_IP).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            RESET, {"email": "secretariat@example.org"}, REMOTE_ADDR=STRANGER_IP
        )

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["secretariat@example.org"]]


def test_a_reset_for_an_unknown_address_sends_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        unknown = client.post(RESET, {"email": "stranger@example.org"})
    UserFactory(email="mariama@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(RESET, {"email": "mariama@example.org"})

    # The same answer either way; only the account's owner gets an email.
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert [message.to for message in mail.outbox] == [["mariama@example.org"]]
