"""Invitations: from the Secretariat's action to the invitee's first login."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from contacts.models import Invitation, RoleKind
from contacts.services import contact_invite
from rabat import roles
from tests.conftest import enable_two_factor, make_user
from tests.factories import ContactFactory, ContactRoleFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Sahel-Dialogue-2026"


@pytest.fixture
def contact():
    """A Focal Point who also sits on the Steering Committee, without account."""
    contact = ContactFactory(
        first_name="Mariama",
        last_name="Sow",
        email="mariama.sow@example.org",
        preferred_language="en",
    )
    ContactRoleFactory(contact=contact, kind=RoleKind.FOCAL_POINT)
    ContactRoleFactory(contact=contact, kind=RoleKind.STEERING_COMMITTEE)
    return contact


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """Invite `contact` (as the admin action does); return the link's path."""

    def send(contact):
        with django_capture_on_commit_callbacks(execute=True):
            contact_invite(contact=contact, invited_by=None)
        return invitation_path(mail.outbox[-1])

    return send


def invitation_link(message):
    return re.search(r"\S+/invitation/\S+/", message.body).group()


def invitation_path(message):
    return urlsplit(invitation_link(message)).path


def run_invite_action(client, *contacts):
    return client.post(
        reverse("admin:contacts_contact_changelist"),
        {"action": "invite", "_selected_action": [contact.pk for contact in contacts]},
        follow=True,
    )


def test_secretariat_invites_and_the_contact_creates_their_account(
    secretariat_client, contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = run_invite_action(secretariat_client, contact)
    assert "1 invitation sent." in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mariama.sow@example.org"]
    link = invitation_link(message)
    assert link.startswith(f"{settings.SITE_URL}/en/focal-points/invitation/")
    invitation = Invitation.objects.get(contact=contact)
    assert invitation.invited_by == response.wsgi_request.user

    invitee = Client()
    page = invitee.get(urlsplit(link).path)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Welcome, Mariama Sow" in text
    assert "mariama.sow@example.org" in text

    response = invitee.post(
        urlsplit(link).path, {"password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("contacts:dashboard")
    contact.refresh_from_db()
    user = contact.user
    assert user is not None
    assert user.is_active
    assert user.check_password(PASSWORD)
    assert set(user.groups.values_list("name", flat=True)) == {
        roles.FOCAL_POINT,
        roles.STEERING_COMMITTEE,
    }
    assert EmailAddress.objects.get(user=user).verified
    dashboard = invitee.get(reverse("contacts:dashboard"))
    assert dashboard.status_code == 200
    assert dashboard.wsgi_request.user == user
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_the_email_and_link_are_in_the_contacts_language(
    secretariat_client, contact, django_capture_on_commit_callbacks
):
    french = ContactFactory(email="awa@example.org", preferred_language="fr")
    ContactRoleFactory(contact=french)
    with django_capture_on_commit_callbacks(execute=True):
        run_invite_action(secretariat_client, contact, french)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert invitation_path(by_recipient["awa@example.org"]).startswith("/fr/")
    assert invitation_path(by_recipient[contact.email]).startswith("/en/")
    subject = "Your invitation to the Rabat Process private area"
    with translation.override("fr"):
        # Whatever the state of the French catalogue, the subject follows it.
        french_subject = f"[{gettext('Rabat Process')}] {gettext(subject)}"
        assert by_recipient["awa@example.org"].subject == french_subject
    assert by_recipient[contact.email].subject == f"[Rabat Process] {subject}"
    # As every account email: the portal's layout in an HTML alternative,
    # in the recipient's language.
    html, mimetype = by_recipient["awa@example.org"].alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="fr">' in html
    assert "Processus de Rabat" in html


def test_contacts_without_current_role_or_with_an_active_account_are_skipped(
    secretariat_client, django_capture_on_commit_callbacks
):
    former = ContactFactory(last_name="Former")
    ContactRoleFactory(
        contact=former,
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2020, 1, 1),
    )
    member = ContactFactory(last_name="Member", user=make_user("focal_point"))
    ContactRoleFactory(contact=member)
    with django_capture_on_commit_callbacks(execute=True):
        response = run_invite_action(secretariat_client, former, member)
    text = response.content.decode()
    assert f"Not invited, no current role: {former.full_name}." in text
    assert f"Not invited, their account is already active: {member.full_name}." in (
        text
    )
    assert mail.outbox == []
    assert not Invitation.objects.exists()


def test_an_expired_link_is_gone(client, contact, invite):
    path = invite(contact)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(hours=1))
    response = client.get(path)
    assert response.status_code == 410
    assert "This invitation has expired." in response.content.decode()
    assert reverse("account_login") in response.content.decode()
    assert "info@processusderabat.net" in response.content.decode()


def test_a_used_link_is_gone(client, contact, invite):
    path = invite(contact)
    client.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    client.logout()
    response = client.get(path)
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    response = client.post(path, {"password1": "x" + PASSWORD, "password2": "x"})
    assert response.status_code == 410
    contact.refresh_from_db()
    assert contact.user.check_password(PASSWORD)


def test_a_new_invitation_withdraws_the_previous_link(client, contact, invite):
    first = invite(contact)
    second = invite(contact)
    response = client.get(first)
    assert response.status_code == 410
    assert "This invitation has been withdrawn." in response.content.decode()
    assert client.get(second).status_code == 200


def test_a_revoked_link_is_gone(secretariat_client, contact, invite):
    path = invite(contact)
    secretariat_client.post(
        reverse("admin:contacts_contact_changelist"),
        {"action": "revoke_invitations", "_selected_action": [contact.pk]},
    )
    secretariat_client.logout()
    assert secretariat_client.get(path).status_code == 410


def test_an_unknown_link_is_not_found(client):
    response = client.get(reverse("contacts:invitation", args=["no-such-token"]))
    assert response.status_code == 404
    assert "This invitation link is not valid." in response.content.decode()


@pytest.mark.parametrize(
    ("password1", "password2", "error"),
    [
        (PASSWORD, PASSWORD + "!", "The two password fields didn\u2019t match."),
        ("Sahel1", "Sahel1", "This password is too short."),
        ("mariama.sow", "mariama.sow", "The password is too similar"),
    ],
)
def test_a_refused_password_saves_nothing(
    client, contact, invite, password1, password2, error
):
    path = invite(contact)
    response = client.post(path, {"password1": password1, "password2": password2})
    assert response.status_code == 200
    assert error in response.content.decode()
    # The page is shown again, with the invitee's details.
    assert "mariama.sow@example.org" in response.content.decode()
    contact.refresh_from_db()
    assert contact.user is None
    assert Invitation.objects.get().accepted_at is None
    assert "_auth_user_id" not in client.session


def test_accepting_logs_out_whoever_was_logged_in(client, contact, invite):
    path = invite(contact)
    someone_else = make_user("focal_point")
    client.force_login(someone_else)
    client.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    contact.refresh_from_db()
    assert client.get(reverse("contacts:dashboard")).wsgi_request.user == (contact.user)


def test_a_returning_member_with_two_factor_logs_in_normally(client, contact, invite):
    user = enable_two_factor(make_user("no_group"))
    user.is_active = False
    user.save()
    contact.user = user
    contact.save()
    path = invite(contact)
    response = client.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    # Their second factor still guards the account: no login from the link.
    assert response["Location"] == reverse("account_login")
    assert "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert user.is_active
    assert user.check_password(PASSWORD)
