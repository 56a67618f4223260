"""Subscribing to the Rabat Review (double opt-in), confirming, unsubscribing
(one-click too), and a member's own subscription from their profile."""

import copy
import re
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import translation

from newsletter.models import Subscriber, SubscriberStatus
from newsletter.services.subscriptions import SUBSCRIBE_RATE_LIMIT
from newsletter.tokens import (
    CONFIRM_MAX_AGE,
    confirm_path,
    subscriber_from_confirm_token,
    unsubscribe_path,
)
from tests.factories import ContactFactory
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

CONFIRMED = SubscriberStatus.CONFIRMED
PENDING = SubscriberStatus.PENDING
UNSUBSCRIBED = SubscriberStatus.UNSUBSCRIBED
SENT_MESSAGE = (
    "If this address can receive the Review, a confirmation email is on its way"
)


@pytest.fixture
def _profile_context(settings):
    """The context processor the profile page's Review section reads."""
    templates = copy.deepcopy(settings.TEMPLATES)
    processors = templates[0]["OPTIONS"]["context_processors"]
    name = "newsletter.context_processors.review_subscription"
    if name not in processors:
        processors.append(name)
    settings.TEMPLATES = templates


def subscribe(client, email="reader@example.org", language="en", consent="on", **extra):
    data = {"email": email, "language": language}
    if consent:
        data["consent"] = consent
    # The emails leave once the transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("newsletter:subscribe"), data, **extra)


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def path_of(url):
    return urlsplit(url).path


# --- Subscribing ----------------------------------------------------------------


def test_the_subscribe_page_offers_the_form(client):
    response = client.get(reverse("newsletter:subscribe"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="email"' in html
    assert 'name="consent"' in html
    assert 'value="en"  id="id_language_1" required checked' in html


def test_subscribing_sends_a_confirmation_in_the_chosen_language(client, settings):
    settings.SITE_URL = "https://review.example.org"

    response = subscribe(client, email="Reader@Example.org", language="fr")

    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:subscribe_sent")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "Reader@Example.org"
    assert subscriber.status == PENDING
    assert subscriber.language == "fr"
    assert subscriber.consented_at is not None
    assert subscriber.confirmed_at is None
    [message] = mail.outbox
    assert message.to == ["Reader@Example.org"]
    assert message.subject
    assert "7" in message.body
    url = link_in(message)
    assert url.startswith("https://review.example.org/fr/review/confirm/")
    # The token is signed with the time: the one sent, not one made now.
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert subscriber_from_confirm_token(token) == subscriber
    with translation.override("fr"):
        path = reverse("newsletter:confirm", kwargs={"token": token})
    assert url == "https://review.example.org" + path


def test_consent_is_required_and_typed_values_are_kept(client):
    response = subscribe(client, email="keep@example.org", language="fr", consent="")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tick this box to agree to receive the Rabat Review." in html
    assert 'value="keep@example.org"' in html
    assert 'value="fr"  id="id_language_0" required checked' in html
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_an_invalid_address_is_refused_with_a_message(client):
    response = subscribe(client, email="not an address")
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not Subscriber.objects.exists()


def test_errors_of_the_footer_form_show_on_the_subscribe_page(client):
    html = client.get(reverse("newsletter:archive")).content.decode()
    assert f'action="{reverse("newsletter:subscribe")}"' in html
    assert 'id="footer-subscribe-email"' in html

    response = subscribe(client, email="footer@example.org", consent="")

    html = response.content.decode()
    assert "<h1>Subscribe to the Rabat Review</h1>" in html
    assert 'value="footer@example.org"' in html
    # The page's own form; the footer's would be a second one.
    assert 'id="footer-subscribe-email"' not in html


def test_the_footer_form_keeps_public_pages_cacheable(client):
    response = client.get(reverse("rabat:home"))
    assert 'id="footer-subscribe-email"' in response.content.decode()
    assert "public" in response["Cache-Control"]
    assert not response.cookies


def test_subscribing_works_without_csrf_cookie_from_the_footer():
    client = Client(enforce_csrf_checks=True)
    with translation.override("en"):
        response = subscribe(client)
    assert response.status_code == 302
    assert Subscriber.objects.get().status == PENDING


@pytest.mark.parametrize("status", [None, PENDING, CONFIRMED, UNSUBSCRIBED])
def test_the_answer_never_reveals_whether_the_address_is_known(client, status):
    if status:
        SubscriberFactory(email="known@example.org", status=status)

    response = subscribe(client, email="KNOWN@example.org")
    sent_page = client.get(response["Location"])

    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:subscribe_sent")
    assert SENT_MESSAGE in sent_page.content.decode()
    assert Subscriber.objects.count() == 1


def test_a_confirmed_address_is_told_and_left_unchanged(client):
    subscriber = SubscriberFactory(
        email="known@example.org", status=CONFIRMED, language="fr"
    )

    subscribe(client, email="known@example.org", language="en")

    subscriber.refresh_from_db()
    assert subscriber.status == CONFIRMED
    assert subscriber.language == "fr"
    [message] = mail.outbox
    assert "/review/confirm/" not in message.body
    assert "/fr/review/unsubscribe/" in message.body


def test_a_pending_address_gets_a_new_confirmation_in_its_new_language(client):
    SubscriberFactory(email="pending@example.org", status=PENDING, language="fr")

    subscribe(client, email="pending@example.org", language="en")

    subscriber = Subscriber.objects.get()
    assert subscriber.status == PENDING
    assert subscriber.language == "en"
    [message] = mail.outbox
    assert "/en/review/confirm/" in link_in(message)


def test_subscribing_is_rate_limited_per_ip(client):
    for n in range(SUBSCRIBE_RATE_LIMIT):
        assert subscribe(client, email=f"r{n}@example.org").status_code == 302

    response = subscribe(client, email="one-too-many@example.org", language="fr")

    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many subscription requests" in html
    assert 'value="one-too-many@example.org"' in html
    assert not Subscriber.objects.filter(email="one-too-many@example.org").exists()
    assert len(mail.outbox) == SUBSCRIBE_RATE_LIMIT
    # Another address (IP) is not affected.
    other = subscribe(client, email="other@example.org", REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 302


def test_behind_a_proxy_the_limit_counts_each_visitor(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(SUBSCRIBE_RATE_LIMIT):
        response = subscribe(
            client,
            email=f"r{n}@example.org",
            HTTP_X_FORWARDED_FOR="198.51.100.7",
            **proxy,
        )
        assert response.status_code == 302

    limited = subscribe(
        client, email="late@example.org", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy
    )
    neighbour = subscribe(
        client, email="n@example.org", HTTP_X_FORWARDED_FOR="203.0.113.4", **proxy
    )

    assert limited.status_code == 429
    assert neighbour.status_code == 302


# --- Confirming -----------------------------------------------------------------


def test_confirming_takes_a_button_press(client):
    subscribe(client, email="new@example.org")
    path = path_of(link_in(mail.outbox[0]))

    page = client.get(path)

    assert page.status_code == 200
    assert "Confirm my subscription" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert Subscriber.objects.get().status == PENDING

    response = client.post(path)

    subscriber = Subscriber.objects.get()
    assert response.status_code == 200
    assert "Your subscription is confirmed" in response.content.decode()
    assert subscriber.status == CONFIRMED
    assert subscriber.confirmed_at is not None


def test_confirming_twice_says_already_confirmed(client):
    subscriber = SubscriberFactory(status=PENDING)
    path = confirm_path(subscriber)
    client.post(path)
    confirmed_at = Subscriber.objects.get().confirmed_at

    again = client.post(path)
    page = client.get(path)

    assert again.status_code == 200
    assert "already confirmed" in again.content.decode()
    assert "already confirmed" in page.content.decode()
    assert Subscriber.objects.get().confirmed_at == confirmed_at


def test_an_expired_confirmation_link_is_not_found(client):
    subscriber = SubscriberFactory(status=PENDING)
    path = confirm_path(subscriber)
    real_time = signing.time.time

    with mock.patch.object(
        signing.time, "time", lambda: real_time() + CONFIRM_MAX_AGE + 60
    ):
        assert client.get(path).status_code == 404
        assert client.post(path).status_code == 404

    assert Subscriber.objects.get().status == PENDING


def test_a_tampered_confirmation_link_is_not_found(client):
    subscriber = SubscriberFactory(status=PENDING)
    path = confirm_path(subscriber)
    token = path.rstrip("/").rsplit("/", 1)[1]
    tampered = path.replace(token, token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))

    for url in (tampered, reverse("newsletter:confirm", kwargs={"token": "unknown"})):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    # An unsubscribe link is no confirmation link.
    unsubscribe_token = unsubscribe_path(subscriber).rstrip("/").rsplit("/", 1)[1]
    url = reverse("newsletter:confirm", kwargs={"token": unsubscribe_token})
    assert client.post(url).status_code == 404
    assert Subscriber.objects.get().status == PENDING


def test_a_confirmation_link_of_a_deleted_subscriber_is_not_found(client):
    subscriber = SubscriberFactory(status=PENDING)
    path = confirm_path(subscriber)
    subscriber.delete()
    assert client.get(path).status_code == 404


# --- Unsubscribing --------------------------------------------------------------


def test_unsubscribe_page_asks_then_unsubscribes(client):
    subscriber = SubscriberFactory(status=CONFIRMED)
    path = unsubscribe_path(subscriber)

    page = client.get(path)

    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert Subscriber.objects.get().status == CONFIRMED

    response = client.post(path)

    html = response.content.decode()
    subscriber.refresh_from_db()
    assert response.status_code == 200
    assert "You are unsubscribed" in html
    assert reverse("newsletter:subscribe") in html
    assert subscriber.status == UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None


def test_one_click_unsubscribe_needs_no_csrf_token():
    subscriber = SubscriberFactory(status=CONFIRMED)
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        unsubscribe_path(subscriber),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == UNSUBSCRIBED


def test_unsubscribing_twice_is_harmless(client):
    subscriber = SubscriberFactory(status=CONFIRMED)
    path = unsubscribe_path(subscriber)
    client.post(path)
    first = Subscriber.objects.get().unsubscribed_at

    again = client.post(path)

    assert again.status_code == 200
    assert Subscriber.objects.get().unsubscribed_at == first
    assert "You are unsubscribed" in client.get(path).content.decode()


def test_a_tampered_unsubscribe_link_is_not_found(client):
    subscriber = SubscriberFactory(status=CONFIRMED)
    token = unsubscribe_path(subscriber).rstrip("/").rsplit("/", 1)[1]
    confirm_token = confirm_path(subscriber).rstrip("/").rsplit("/", 1)[1]
    for bad in (token[:-3] + "xyz", "unknown", confirm_token):
        url = reverse("newsletter:unsubscribe", kwargs={"token": bad})
        assert client.get(url).status_code == 404
        assert Client(enforce_csrf_checks=True).post(url).status_code == 404
    assert Subscriber.objects.get().status == CONFIRMED


def test_resubscribing_after_unsubscribing(client):
    subscriber = SubscriberFactory(email="back@example.org", status=CONFIRMED)
    old_confirm = confirm_path(subscriber)
    client.post(unsubscribe_path(subscriber))

    # An old confirmation link does not undo the unsubscription.
    assert client.post(old_confirm).status_code == 404
    assert Subscriber.objects.get().status == UNSUBSCRIBED

    subscribe(client, email="back@example.org", language="en")

    subscriber.refresh_from_db()
    assert subscriber.status == PENDING
    assert subscriber.unsubscribed_at is None
    [message] = mail.outbox
    response = client.post(path_of(link_in(message)))
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == CONFIRMED
    assert Subscriber.objects.count() == 1


# --- A member's own subscription ------------------------------------------------


@pytest.fixture
def member(focal_point):
    ContactFactory(user=focal_point, email=focal_point.email)
    return focal_point


@pytest.mark.usefixtures("_profile_context")
def test_a_member_subscribes_from_the_profile_page(client, member):
    client.force_login(member)
    profile = client.get(reverse("contacts:profile")).content.decode()
    assert f'action="{reverse("newsletter:member_subscription")}"' in profile
    assert "Subscribe to the Review" in profile

    response = client.post(
        reverse("newsletter:member_subscription"),
        {"action": "subscribe", "language": "en"},
        follow=True,
    )

    subscriber = Subscriber.objects.get()
    assert response.redirect_chain[-1][0] == reverse("contacts:profile")
    assert subscriber.user == member
    assert subscriber.email == member.email
    assert subscriber.status == CONFIRMED
    assert subscriber.confirmed_at is not None
    assert subscriber.language == "en"
    assert mail.outbox == []
    html = response.content.decode()
    assert "You receive the Rabat Review at" in html
    assert "Unsubscribe" in html


@pytest.mark.usefixtures("_profile_context")
def test_a_member_unsubscribes_from_the_profile_page(client, member):
    SubscriberFactory(email=member.email.upper(), status=CONFIRMED)
    client.force_login(member)
    assert (
        "You receive the Rabat Review at"
        in client.get(reverse("contacts:profile")).content.decode()
    )

    response = client.post(
        reverse("newsletter:member_subscription"), {"action": "unsubscribe"}
    )

    subscriber = Subscriber.objects.get()
    assert response["Location"] == reverse("contacts:profile")
    assert subscriber.status == UNSUBSCRIBED
    assert subscriber.user == member


def test_a_member_takes_up_a_pending_public_subscription(client, member):
    SubscriberFactory(email=member.email, status=UNSUBSCRIBED, language="fr")
    client.force_login(member)

    client.post(
        reverse("newsletter:member_subscription"),
        {"action": "subscribe", "language": "en"},
    )

    subscriber = Subscriber.objects.get()
    assert (subscriber.status, subscriber.language, subscriber.user) == (
        CONFIRMED,
        "en",
        member,
    )


def test_after_an_address_change_the_profile_shows_the_row_it_changes(client, member):
    old = SubscriberFactory(email="old-address@example.org", user=member)
    current = SubscriberFactory(email=member.email, status=PENDING, language="en")
    client.force_login(member)

    profile = client.get(reverse("contacts:profile"))

    assert profile.context["review_subscription"] == current
    client.post(reverse("newsletter:member_subscription"), {"action": "unsubscribe"})
    current.refresh_from_db()
    old.refresh_from_db()
    assert (current.status, current.user) == (UNSUBSCRIBED, member)
    # The old address is no longer the account's: left as it was.
    assert (old.status, old.user) == (CONFIRMED, None)


def test_a_member_must_choose_a_language_to_subscribe(client, member):
    client.force_login(member)
    response = client.post(
        reverse("newsletter:member_subscription"), {"action": "subscribe"}, follow=True
    )
    assert "Choose the language of the Review" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_the_member_subscription_is_for_members_only(client_for):
    url = reverse("newsletter:member_subscription")
    data = {"action": "subscribe", "language": "fr"}

    anonymous = client_for("anonymous").post(url, data)
    assert anonymous.status_code == 302
    assert reverse("account_login") in anonymous["Location"]

    assert client_for("no_group").post(url, data).status_code == 403
    assert not Subscriber.objects.exists()


def test_colleagues_behind_one_ip_address_can_all_subscribe(client):
    ministry = {"REMOTE_ADDR": "192.0.2.20"}
    for n in range(30):
        response = subscribe(client, email=f"colleague{n}@example.org", **ministry)
        assert response.status_code == 302
    assert Subscriber.objects.count() == 30
    assert len(mail.outbox) == 30


def test_one_address_gets_at_most_one_email_a_day_whatever_the_ip(client):
    for n in range(4):
        response = subscribe(
            client, email="target@example.org", REMOTE_ADDR=f"198.51.100.{n}"
        )
        # The same neutral answer every time.
        assert response.status_code == 302
        assert response["Location"] == reverse("newsletter:subscribe_sent")
    assert [message.to for message in mail.outbox] == [["target@example.org"]]


def test_a_confirmed_address_is_told_at_most_once_a_day(client):
    SubscriberFactory(email="reader@example.org", status=CONFIRMED)
    subscribe(client, email="reader@example.org")
    subscribe(client, email="READER@example.org", REMOTE_ADDR="203.0.113.5")
    assert len(mail.outbox) == 1
