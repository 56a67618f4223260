"""A member's new email address reaches their card only once confirmed from
its mailbox: until then every member sees the verified one."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contacts.models import EmailChange
from tests.conftest import make_user
from tests.contacts.conftest import current_contact
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OLD = "mariama.sow@gouv.example.sn"
NEW = "secretariat@example.org"


@pytest.fixture
def member():
    user = UserFactory(email=OLD, groups=["Focal Point"])
    current_contact(user=user, email=OLD, first_name="Mariama", last_name="Sow")
    return user


@pytest.fixture
def other_member_client(db):
    other = make_user("focal_point")
    current_contact(user=other)
    client = Client()
    client.force_login(other)
    return client


def profile_data(contact, **changes):
    data = {
        "civility": "ms",
        "position": "Director",
        "organisation": "Ministry of Foreign Affairs",
        "email": contact.email,
        "personal_email": contact.personal_email,
        "office_phone": "",
        "mobile_phone": "",
        "languages": ["fr"],
        "preferred_language": "en",
    }
    data.update(changes)
    return data


def confirmation_path(message):
    [link] = re.findall(r"https?://\S+/email/confirm/\S+/", message.body)
    return "/" + link.split("/", 3)[3]


@pytest.fixture(autouse=True)
def _emails_sent(monkeypatch):
    # The tests run in a transaction that never commits: emails queued "on
    # commit" are sent at once instead.
    monkeypatch.setattr("rabat.emails.transaction.on_commit", lambda send: send())


def request_change(member_client, member, **changes):
    mail.outbox.clear()
    response = member_client.post(
        reverse("contacts:profile"),
        profile_data(member.contact, **changes),
        follow=True,
    )
    assert response.status_code == 200
    return response


def test_a_new_address_waits_for_its_confirmation(member_client, member):
    response = request_change(member_client, member, email=NEW)
    page = response.content.decode()
    assert (
        f"A confirmation was sent to {NEW}; until you confirm it, "
        f"your card shows {OLD}." in page
    )
    member.contact.refresh_from_db()
    assert member.contact.email == OLD
    assert member.contact.position == "Director"  # the rest is saved at once
    [message] = mail.outbox
    assert message.to == [NEW]
    assert "Confirm your new email address" in message.subject
    assert EmailChange.objects.pending().get().email == NEW


def test_no_page_or_file_shows_an_unconfirmed_address(
    member_client, member, other_member_client
):
    request_change(member_client, member, email=NEW, personal_email="me@example.net")
    contact = member.contact
    secretariat = Client()
    secretariat.force_login(make_user("secretariat"))
    urls = [
        reverse("contacts:list"),
        reverse("contacts:list") + "?q=Sow",
        reverse("contacts:detail", args=[contact.pk]),
        reverse("contacts:vcard", args=[contact.pk]),
        reverse("contacts:export_vcf"),
    ]
    for client in (other_member_client, member_client):
        for url in urls:
            content = client.get(url).content.decode()
            assert OLD in content, url
            assert NEW not in content, url
            assert "me@example.net" not in content, url
    for url in [reverse("contacts:export_csv"), reverse("contacts:export_xlsx")]:
        response = secretariat.get(url)
        assert response.status_code == 200
        assert NEW.encode() not in response.content


def test_the_link_confirms_the_address_once(member_client, member):
    request_change(member_client, member, email=NEW)
    path = confirmation_path(mail.outbox[0])
    page = member_client.get(path).content.decode()
    assert "Confirm this address" in page
    member.contact.refresh_from_db()
    assert member.contact.email == OLD  # opening the link changes nothing
    response = member_client.post(path, follow=True)
    assert f"Your card now shows {NEW}." in response.content.decode()
    contact = member.contact
    contact.refresh_from_db()
    assert contact.email == NEW
    previous, latest = contact.history.all()[1], contact.history.first()
    assert (previous.email, latest.email) == (OLD, NEW)
    assert latest.history_user == member
    response = member_client.post(path)
    assert "already been confirmed" in response.content.decode()


def test_the_login_address_follows_the_card(member_client, member, client):
    request_change(member_client, member, email=NEW)
    member_client.post(confirmation_path(mail.outbox[0]))
    member.refresh_from_db()
    assert member.email == NEW
    assert list(
        EmailAddress.objects.filter(user=member).values_list(
            "email", "verified", "primary"
        )
    ) == [(NEW, True, True)]
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": NEW, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302


def test_the_link_expires(member_client, member, settings):
    request_change(member_client, member, email=NEW)
    EmailChange.objects.update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = member_client.post(confirmation_path(mail.outbox[0]))
    assert "This confirmation link has expired" in response.content.decode()
    member.contact.refresh_from_db()
    assert member.contact.email == OLD


def test_another_member_cannot_use_the_link(
    member_client, member, other_member_client, client
):
    request_change(member_client, member, email=NEW)
    path = confirmation_path(mail.outbox[0])
    response = other_member_client.post(path)
    assert "not valid for your card" in response.content.decode()
    anonymous = Client().post(path)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    member.contact.refresh_from_db()
    assert member.contact.email == OLD


def test_resend_replaces_the_link_and_cancel_forgets_the_address(member_client, member):
    request_change(member_client, member, email=NEW)
    first = confirmation_path(mail.outbox[0])
    change = EmailChange.objects.get()
    url = reverse("contacts:email_change", args=[change.pk])
    member_client.post(url, {"action": "resend"})
    second = confirmation_path(mail.outbox[-1])
    assert first != second
    assert "not valid" in member_client.post(first).content.decode()
    change = EmailChange.objects.get()
    member_client.post(
        reverse("contacts:email_change", args=[change.pk]), {"action": "cancel"}
    )
    assert not EmailChange.objects.exists()
    assert "not valid" in member_client.post(second).content.decode()
    member.contact.refresh_from_db()
    assert member.contact.email == OLD


def test_a_member_cannot_resend_or_cancel_someone_elses_change(
    member_client, member, other_member_client
):
    request_change(member_client, member, email=NEW)
    change = EmailChange.objects.get()
    url = reverse("contacts:email_change", args=[change.pk])
    assert other_member_client.post(url, {"action": "cancel"}).status_code == 404
    assert EmailChange.objects.exists()


def test_typing_the_current_address_back_forgets_the_pending_one(member_client, member):
    request_change(member_client, member, email=NEW)
    request_change(member_client, member, email=OLD)
    assert not EmailChange.objects.exists()
    assert mail.outbox == []


def test_removing_the_personal_email_needs_no_confirmation(member_client, member):
    member.contact.personal_email = "me@example.net"
    member.contact.save()
    request_change(member_client, member, personal_email="")
    member.contact.refresh_from_db()
    assert member.contact.personal_email == ""
    assert mail.outbox == []


def test_a_form_error_keeps_what_was_typed_and_sends_nothing(member_client, member):
    response = member_client.post(
        reverse("contacts:profile"),
        profile_data(
            member.contact, email=NEW, office_phone="12ab", position="Kept position"
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a valid phone number" in page
    assert f'value="{NEW}"' in page
    assert 'value="Kept position"' in page
    assert not EmailChange.objects.exists()
    assert mail.outbox == []


def test_the_confirmation_email_is_in_the_members_language(member_client, member):
    request_change(member_client, member, email=NEW, preferred_language="fr")
    [message] = mail.outbox
    assert "Confirmez votre nouvelle adresse" in message.subject
    assert "/fr/" in confirmation_path(message)


def test_confirmation_emails_per_card_are_limited_with_a_clear_message(
    member_client, member
):
    for n in range(5):
        request_change(member_client, member, email=f"new{n}@example.org")
        assert len(mail.outbox) == 1

    response = request_change(member_client, member, email="stranger@example.net")

    assert mail.outbox == []
    page = response.content.decode()
    assert "Too many confirmation emails were sent for your card today" in page
    # What was typed is kept, and the card still shows the verified address.
    assert 'value="stranger@example.net"' in page
    member.contact.refresh_from_db()
    assert member.contact.email == OLD


def test_resending_counts_towards_the_same_limit(member_client, member):
    request_change(member_client, member, email=NEW)
    change = EmailChange.objects.get()
    for _resend in range(4):
        member_client.post(reverse("contacts:email_change", args=[change.pk]))
        change = EmailChange.objects.get()
    mail.outbox.clear()

    response = member_client.post(
        reverse("contacts:email_change", args=[change.pk]), follow=True
    )

    assert mail.outbox == []
    assert "Too many confirmation emails" in response.content.decode()


def test_a_link_does_not_overwrite_the_secretariats_later_edit(member_client, member):
    request_change(member_client, member, email=NEW)
    path = confirmation_path(mail.outbox[0])
    contact = member.contact
    contact.email = "checked.by.secretariat@gouv.example.sn"
    contact.save()

    page = member_client.get(path).content.decode()
    response = member_client.post(path, follow=True)

    assert "The Secretariat has changed this address" in page
    assert "The Secretariat has changed this address" in response.content.decode()
    contact.refresh_from_db()
    assert contact.email == "checked.by.secretariat@gouv.example.sn"
