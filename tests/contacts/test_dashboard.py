import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import RoleKind
from contacts.services import directory_changed, role_handover
from tests.conftest import make_user
from tests.contacts.conftest import current_contact
from tests.factories import ContactFactory, ContactRoleFactory, CountryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def senegal():
    return CountryFactory(name_en="Senegal", name_fr="Sénégal")


@pytest.fixture
def member(senegal):
    user = make_user("focal_point")
    current_contact(user=user, country=senegal, last_name="Myself")
    return user


def country_section(client):
    content = client.get(reverse("contacts:dashboard")).content.decode()
    start = content.index('id="country-contacts"')
    return content[start : content.index("</section>", start)]


def test_the_dashboard_lists_the_other_current_contacts_of_the_country(
    member_client, senegal
):
    colleague = current_contact(country=senegal, last_name="Colleague")
    former = ContactFactory(country=senegal, last_name="Former")
    ContactRoleFactory(
        contact=former,
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2012, 12, 31),
    )
    current_contact(last_name="Elsewhere")
    section = country_section(member_client)
    assert "Contacts of Senegal" in section
    assert colleague.get_absolute_url() in section
    assert "National Focal Point" in section
    assert "Former" not in section
    assert "Elsewhere" not in section
    assert "Myself" not in section


def queries_of(client):
    with CaptureQueriesContext(connection) as queries:
        country_section(client)
    return len(queries)


def test_the_country_contacts_are_read_again_only_after_a_change(
    member_client, senegal, django_capture_on_commit_callbacks
):
    current_contact(country=senegal, last_name="Colleague")
    country_section(member_client)
    with django_capture_on_commit_callbacks(execute=True):
        directory_changed()
    read = queries_of(member_client)
    # The contacts and their roles come from the cache.
    assert queries_of(member_client) == read - 2


def test_a_handover_shows_on_the_dashboard_at_once(
    member_client, senegal, django_capture_on_commit_callbacks
):
    colleague = ContactFactory(country=senegal, last_name="Outgoing")
    role = ContactRoleFactory(contact=colleague, kind=RoleKind.STEERING_COMMITTEE)
    newcomer = ContactFactory(country=senegal, last_name="Newcomer")
    assert "Outgoing" in country_section(member_client)
    with django_capture_on_commit_callbacks(execute=True):
        role_handover(
            role=role,
            successor=newcomer,
            start_date=datetime.date.today() - datetime.timedelta(days=1),
        )
    section = country_section(member_client)
    assert "Newcomer" in section
    assert "Outgoing" not in section
