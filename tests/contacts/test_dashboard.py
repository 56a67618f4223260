import datetime

import pytest
from django.db import connection
from django.test import Client
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
    # The member's own card, the contacts and their roles come from the cache.
    assert queries_of(member_client) == read - 3


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


def test_a_second_visit_reads_only_the_member(member_client, senegal):
    current_contact(country=senegal, last_name="Colleague")
    country_section(member_client)
    with CaptureQueriesContext(connection) as queries:
        section = country_section(member_client)
    assert "Colleague" in section
    # The member with their roles (rabat.roles.user_with_roles); the rest
    # of the page comes from the cache.
    assert len(queries) == 1, [query["sql"] for query in queries]


def test_a_move_to_another_country_shows_at_the_next_visit(
    member_client, member, senegal, django_capture_on_commit_callbacks
):
    current_contact(country=senegal, last_name="Senegalese")
    mali = CountryFactory(name_en="Mali", name_fr="Mali")
    current_contact(country=mali, last_name="Malian")
    assert "Contacts of Senegal" in country_section(member_client)
    card = member.contact
    card.country = mali
    # What the back office and the services do when a card changes.
    with django_capture_on_commit_callbacks(execute=True):
        card.save()
        directory_changed()
    section = country_section(member_client)
    assert "Contacts of Mali" in section
    assert "Malian" in section
    assert "Senegalese" not in section


def test_each_member_sees_their_own_country(member, senegal):
    current_contact(country=senegal, last_name="Senegalese")
    other = make_user("focal_point")
    current_contact(
        user=other, country=CountryFactory(name_en="Ghana"), last_name="Ghanaian"
    )
    own_client, other_client = Client(), Client()
    own_client.force_login(member)
    other_client.force_login(other)
    for _ in range(2):
        assert "Contacts of Senegal" in country_section(own_client)
        assert "Contacts of Ghana" in country_section(other_client)
        assert "Senegalese" not in country_section(other_client)
