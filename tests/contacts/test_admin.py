"""The contacts' back office: pages, search, filters, actions, query budget."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Invitation, RoleKind
from contacts.services import contact_invite
from tests.conftest import make_user
from tests.contacts.conftest import current_contact
from tests.factories import (
    ContactFactory,
    ContactRoleFactory,
    CountryFactory,
    ThemeFactory,
    UserFactory,
)
from tests.query_budget import assert_queries_constant

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:contacts_contact_changelist"


def former_contact(**fields):
    contact = ContactFactory(**fields)
    ContactRoleFactory(
        contact=contact,
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2020, 1, 1),
    )
    return contact


def listed(client, **params):
    response = client.get(reverse(CHANGELIST), params)
    assert response.status_code == 200
    return {contact.last_name for contact in response.context["cl"].result_list}


def test_the_changelist_shows_roles_and_account_status(secretariat_client):
    theme = ThemeFactory(title_en="Legal migration")
    active = current_contact(last_name="Active", user=UserFactory())
    ContactRoleFactory(contact=active, kind=RoleKind.THEMATIC_CONTACT, theme=theme)
    invited = current_contact(last_name="Invited")
    contact_invite(contact=invited, invited_by=None)
    former_contact(last_name="Closed", user=UserFactory(is_active=False))
    response = secretariat_client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    rows = {
        contact.last_name: contact for contact in response.context["cl"].result_list
    }
    assert set(rows) == {"Active", "Invited", "Closed"}
    text = response.content.decode()
    assert "National Focal Point" in text
    assert "Thematic contact point (Legal migration)" in text
    admin = response.context["cl"].model_admin
    assert admin.account_status(rows["Active"]) == "Active"
    assert admin.account_status(rows["Invited"]) == "Invited"
    assert admin.account_status(rows["Closed"]) == "Deactivated"
    assert admin.current_roles_summary(rows["Closed"]) == "\u2014"


def test_the_changelist_query_count_does_not_grow(secretariat_client):
    def add_contacts(count):
        for number in range(count):
            contact = current_contact(
                user=UserFactory() if number % 2 else None,
                country=CountryFactory(),
            )
            ContactRoleFactory(
                contact=contact, kind=RoleKind.THEMATIC_CONTACT, theme=ThemeFactory()
            )
            if number % 3 == 0:
                contact_invite(contact=contact, invited_by=None)

    add_contacts(20)
    assert_queries_constant(
        secretariat_client, reverse(CHANGELIST), grow=lambda: add_contacts(180)
    )


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Diallo", {"Diallo"}),
        ("aminata@", {"Diallo"}),
        ("Interior", {"Diallo"}),
        ("consul", {"Berg"}),
        ("Senegal", {"Diallo"}),
        ("Sénégal", {"Diallo"}),
        ("Sweden", {"Berg"}),
    ],
)
def test_search(secretariat_client, query, found):
    senegal = CountryFactory(iso_code="SN", name_en="Senegal", name_fr="Sénégal")
    sweden = CountryFactory(iso_code="SE", name_en="Sweden", name_fr="Suède")
    current_contact(
        last_name="Diallo",
        email="aminata@example.org",
        organisation="Ministry of the Interior",
        country=senegal,
    )
    current_contact(
        last_name="Berg",
        position="Consul general",
        organisation="Foreign office",
        country=sweden,
    )
    assert listed(secretariat_client, q=query) == found


def test_filters(secretariat_client):
    theme = ThemeFactory()
    africa = CountryFactory(iso_code="ML", region="africa")
    europe = CountryFactory(iso_code="BE", region="europe")
    current_contact(last_name="Current", country=africa)
    former_contact(last_name="Former", country=europe)
    thematic = current_contact(last_name="Thematic", country=europe)
    ContactRoleFactory(contact=thematic, kind=RoleKind.THEMATIC_CONTACT, theme=theme)

    assert listed(secretariat_client, current="yes") == {"Current", "Thematic"}
    assert listed(secretariat_client, current="no") == {"Former"}
    assert listed(secretariat_client, country__region="europe") == {
        "Former",
        "Thematic",
    }
    assert listed(secretariat_client, country__id__exact=africa.pk) == {"Current"}
    assert listed(secretariat_client, roles__theme__id__exact=theme.pk) == {"Thematic"}
    assert listed(secretariat_client, roles__kind__exact="thematic_contact") == {
        "Thematic"
    }


def test_the_change_form_and_history_render(secretariat_client):
    contact = current_contact(user=UserFactory(email="mariama@example.org"))
    contact_invite(contact=contact, invited_by=None)
    contact.position = "Director"
    contact.save()

    response = secretariat_client.get(
        reverse("admin:contacts_contact_change", args=[contact.pk])
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "National Focal Point" in text
    assert "mariama@example.org" in text
    assert "Pending" in text
    # The Secretariat may not open user accounts: no link to one.
    assert "/admin/rabat/user/" not in text

    response = secretariat_client.get(
        reverse("admin:contacts_contact_history", args=[contact.pk])
    )
    assert response.status_code == 200
    record = contact.history.earliest()
    response = secretariat_client.get(
        reverse(
            "admin:contacts_contact_simple_history",
            args=[contact.pk, record.history_id],
        )
    )
    assert response.status_code == 200


def test_superusers_follow_the_account_link(client):
    client.force_login(make_user("staff"))
    contact = current_contact(user=UserFactory())
    response = client.get(reverse("admin:contacts_contact_change", args=[contact.pk]))
    assert reverse("admin:rabat_user_change", args=[contact.user.pk]) in (
        response.content.decode()
    )


def test_the_role_pages_render(secretariat_client):
    role = current_contact().roles.get()
    for url in (
        reverse("admin:contacts_contactrole_changelist"),
        reverse("admin:contacts_contactrole_changelist") + "?current=yes",
        reverse("admin:contacts_contactrole_changelist") + "?current=no",
        reverse("admin:contacts_contactrole_change", args=[role.pk]),
        reverse("admin:contacts_contactrole_history", args=[role.pk]),
        reverse("admin:contacts_contactrole_handover", args=[role.pk]),
    ):
        assert secretariat_client.get(url).status_code == 200, url


def test_invitations_are_read_only_and_can_be_withdrawn(secretariat_client):
    contact = current_contact()
    accepted = contact_invite(contact=contact, invited_by=None)
    Invitation.objects.filter(pk=accepted.pk).update(accepted_at=timezone.now())
    pending = contact_invite(contact=ContactFactory(), invited_by=None)
    changelist = reverse("admin:contacts_invitation_changelist")

    assert secretariat_client.get(changelist).status_code == 200
    page = secretariat_client.get(
        reverse("admin:contacts_invitation_change", args=[pending.pk])
    )
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert (
        secretariat_client.get(reverse("admin:contacts_invitation_add")).status_code
        == 403
    )

    response = secretariat_client.post(
        changelist,
        {"action": "revoke", "_selected_action": [accepted.pk, pending.pk]},
        follow=True,
    )
    assert "1 invitation withdrawn." in response.content.decode()
    pending.refresh_from_db()
    accepted.refresh_from_db()
    assert pending.revoked_at is not None
    assert accepted.revoked_at is None


@pytest.mark.parametrize("role", ["anonymous", "no_group", "focal_point"])
def test_the_back_office_is_refused_to_non_staff(client, role):
    user = make_user(role)
    if user is not None:
        client.force_login(user)
    contact = current_contact()
    for url in (
        reverse(CHANGELIST),
        reverse("admin:contacts_contact_change", args=[contact.pk]),
        reverse("admin:contacts_contactrole_changelist"),
        reverse("admin:contacts_invitation_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url
    response = client.post(
        reverse(CHANGELIST), {"action": "invite", "_selected_action": [contact.pk]}
    )
    assert response.status_code == 302
    assert not Invitation.objects.exists()
