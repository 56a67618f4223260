"""Roles in the admin: accounts follow them, and handovers pass them on."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contacts.models import ContactRole, RoleKind
from contacts.services import user_sync_with_roles
from rabat import roles
from tests.conftest import make_user
from tests.factories import ContactFactory, ContactRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2020, 1, 1)


def member_with_roles(*kinds):
    """A contact whose account has the groups of its current `kinds` of role."""
    contact = ContactFactory(user=UserFactory())
    for kind in kinds:
        ContactRoleFactory(contact=contact, kind=kind, start_date=START)
    user_sync_with_roles(contact=contact)
    return contact


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def group_names(user):
    return set(user.groups.values_list("name", flat=True))


def field_data(bound_field):
    """What a browser submits for `bound_field`, as the admin rendered it."""
    value = bound_field.value()
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)


def change_form_data(response):
    """The admin change form of `response`, as submitted without any change."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for bound_field in form:
            value = field_data(bound_field)
            if value is not None:
                data[bound_field.html_name] = value
    return data


def save_change_form(client, contact, **changes):
    url = reverse("admin:contacts_contact_change", args=[contact.pk])
    data = change_form_data(client.get(url)) | changes
    return client.post(url, data)


def test_ending_the_last_role_in_the_admin_closes_the_account(secretariat_client):
    contact = member_with_roles(RoleKind.FOCAL_POINT)
    member = logged_in(contact.user)
    assert member.get(reverse("contacts:dashboard")).status_code == 200
    history = contact.history.count()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = save_change_form(
        secretariat_client, contact, **{"roles-0-end_date": yesterday.isoformat()}
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert contact.roles.get().end_date == yesterday
    contact.user.refresh_from_db()
    assert not contact.user.is_active
    assert group_names(contact.user) == set()
    # Their session ends at the next request; the card and its history stay.
    response = member.get(reverse("contacts:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    contact.refresh_from_db()
    assert contact.history.count() > history


def test_a_member_keeping_another_role_stays_with_fewer_groups(secretariat_client):
    contact = member_with_roles(RoleKind.FOCAL_POINT, RoleKind.STEERING_COMMITTEE)
    assert group_names(contact.user) == {roles.FOCAL_POINT, roles.STEERING_COMMITTEE}
    steering = contact.roles.get(kind=RoleKind.STEERING_COMMITTEE)
    index = list(contact.roles.all()).index(steering)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = save_change_form(
        secretariat_client,
        contact,
        **{f"roles-{index}-end_date": yesterday.isoformat()},
    )

    assert response.status_code == 302
    contact.user.refresh_from_db()
    assert contact.user.is_active
    assert group_names(contact.user) == {roles.FOCAL_POINT}
    assert logged_in(contact.user).get(reverse("contacts:dashboard")).status_code == (
        200
    )


def test_ending_a_role_on_its_own_admin_page_closes_the_account(secretariat_client):
    contact = member_with_roles(RoleKind.FOCAL_POINT)
    role = contact.roles.get()
    url = reverse("admin:contacts_contactrole_change", args=[role.pk])
    response = secretariat_client.post(
        url,
        {
            "kind": role.kind,
            "theme": "",
            "start_date": role.start_date.isoformat(),
            "end_date": timezone.localdate().replace(year=2024).isoformat(),
            "successor": "",
        },
    )
    assert response.status_code == 302
    contact.user.refresh_from_db()
    assert not contact.user.is_active


def handover_url(role):
    return reverse("admin:contacts_contactrole_handover", args=[role.pk])


def test_the_role_page_links_to_the_handover(secretariat_client):
    role = member_with_roles(RoleKind.FOCAL_POINT).roles.get()
    response = secretariat_client.get(
        reverse("admin:contacts_contactrole_change", args=[role.pk])
    )
    assert handover_url(role) in response.content.decode()
    response = secretariat_client.get(
        reverse("admin:contacts_contact_change", args=[role.contact_id])
    )
    assert handover_url(role) in response.content.decode()


def test_a_handover_passes_the_role_and_the_access_on(secretariat_client):
    contact = member_with_roles(RoleKind.FOCAL_POINT)
    role = contact.roles.get()
    successor = ContactFactory(user=UserFactory())
    today = timezone.localdate()

    assert secretariat_client.get(handover_url(role)).status_code == 200
    response = secretariat_client.post(
        handover_url(role),
        {"successor": successor.pk, "start_date": today.isoformat()},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:contacts_contact_change", args=[contact.pk]
    )
    role.refresh_from_db()
    assert role.end_date == today - datetime.timedelta(days=1)
    assert role.successor == successor
    new_role = successor.roles.get()
    assert (new_role.kind, new_role.start_date) == (RoleKind.FOCAL_POINT, today)
    contact.user.refresh_from_db()
    assert not contact.user.is_active
    assert group_names(successor.user) == {roles.FOCAL_POINT}
    assert successor.user.is_active


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"same_person": True}, "someone other than the current holder"),
        ({"start_date": "2019-12-31"}, "cannot be before the role began"),
        ({"start_date": "not a date"}, "Enter a valid date."),
    ],
)
def test_a_refused_handover_changes_nothing(secretariat_client, data, error):
    contact = member_with_roles(RoleKind.FOCAL_POINT)
    role = contact.roles.get()
    successor = contact if data.get("same_person") else ContactFactory()
    response = secretariat_client.post(
        handover_url(role),
        {
            "successor": successor.pk,
            "start_date": data.get("start_date", timezone.localdate().isoformat()),
        },
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    role.refresh_from_db()
    assert (role.end_date, role.successor) == (None, None)
    assert ContactRole.objects.count() == 1


def test_a_role_is_handed_over_only_once(secretariat_client):
    role = member_with_roles(RoleKind.FOCAL_POINT).roles.get()
    first, second = ContactFactory(), ContactFactory()
    for successor in (first, second):
        response = secretariat_client.post(
            handover_url(role),
            {"successor": successor.pk, "start_date": "2025-01-01"},
        )
    assert response.status_code == 200
    assert "already been handed over" in response.content.decode()
    assert not second.roles.exists()


@pytest.mark.parametrize("role_name", ["anonymous", "focal_point", "no_group"])
def test_the_handover_is_refused_to_non_staff(client, role_name):
    role = member_with_roles(RoleKind.FOCAL_POINT).roles.get()
    user = make_user(role_name)
    if user is not None:
        client.force_login(user)
    successor = ContactFactory()
    for response in (
        client.get(handover_url(role)),
        client.post(
            handover_url(role),
            {"successor": successor.pk, "start_date": "2025-01-01"},
        ),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    role.refresh_from_db()
    assert role.successor is None
    assert not successor.roles.exists()
