"""A meeting's page keeps what it shows in the cache, but the member's
registration: whatever changes on it shows at the next visit, and each role
sees its own documents."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import DocumentVisibility, RegistrationStatus
from rabat.page_cache import public_pages_changed
from tests.conftest import make_user
from tests.factories import CountryFactory, ThemeFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    DelegateFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def page(client, meeting):
    return client.get(meeting.get_absolute_url()).content.decode()


def test_a_new_document_session_co_chair_and_theme_show_at_once(member_client):
    meeting = MeetingFactory()
    page(member_client, meeting)
    MeetingDocumentFactory(meeting=meeting, title_en="Concept note")
    assert "Concept note" in page(member_client, meeting)
    AgendaItemFactory(meeting=meeting, title_en="Opening session")
    assert "Opening session" in page(member_client, meeting)
    meeting.co_chairs.add(CountryFactory(name_en="Ghana"))
    assert "Ghana" in page(member_client, meeting)
    meeting.themes.add(ThemeFactory(title_en="Legal migration"))
    assert "Legal migration" in page(member_client, meeting)


def test_an_edit_of_the_meeting_shows_at_once(member_client):
    meeting = MeetingFactory(summary_en="First summary.")
    assert "First summary." in page(member_client, meeting)
    meeting.summary_en = "Revised summary."
    meeting.save()
    content = page(member_client, meeting)
    assert "Revised summary." in content
    assert "First summary." not in content


def test_each_role_sees_its_own_documents_from_the_same_cache():
    meeting = MeetingFactory()
    MeetingDocumentFactory(
        meeting=meeting,
        title_en="Steering minutes",
        visibility=DocumentVisibility.STEERING_COMMITTEE,
    )
    MeetingDocumentFactory(
        meeting=meeting, title_en="Members brief", visibility=DocumentVisibility.MEMBERS
    )
    steering, focal_point, anonymous = Client(), Client(), Client()
    steering.force_login(make_user("steering_committee"))
    focal_point.force_login(make_user("focal_point"))
    assert "Steering minutes" in page(steering, meeting)
    content = page(focal_point, meeting)
    assert "Steering minutes" not in content
    assert "Members brief" in content
    content = page(anonymous, meeting)
    assert "Members brief" not in content
    assert "2 more documents are reserved for members" in content


def test_a_meeting_unpublished_is_not_found_at_once_but_by_the_secretariat(
    member_client, secretariat
):
    meeting = MeetingFactory()
    assert member_client.get(meeting.get_absolute_url()).status_code == 200
    meeting.is_published = False
    meeting.save()
    secretariat_client = Client()
    secretariat_client.force_login(secretariat)
    assert secretariat_client.get(meeting.get_absolute_url()).status_code == 200
    assert member_client.get(meeting.get_absolute_url()).status_code == 404


def test_the_host_country_renamed_shows_at_once(
    member_client, django_capture_on_commit_callbacks
):
    country = CountryFactory(name_en="Cape Verde")
    meeting = MeetingFactory(host_country=country)
    assert "Cape Verde" in page(member_client, meeting)
    country.name_en = "Cabo Verde"
    # What the back office does on a save (rabat.admin_mixins).
    with django_capture_on_commit_callbacks(execute=True):
        country.save()
        public_pages_changed()
    content = page(member_client, meeting)
    assert "Cabo Verde" in content
    assert "Cape Verde" not in content


@pytest.fixture
def open_meeting():
    return MeetingFactory(
        registration_deadline=timezone.now() + datetime.timedelta(days=5)
    )


def test_a_registration_and_its_delegates_show_at_the_next_visit(
    member_client, member, open_meeting
):
    assert "You have not answered yet." in page(member_client, open_meeting)
    registration = RegistrationFactory(meeting=open_meeting, user=member)
    assert "We will attend" in page(member_client, open_meeting)
    DelegateFactory(registration=registration, name="Awa Diop")
    assert "Awa Diop" in page(member_client, open_meeting)
    registration.status = RegistrationStatus.CANCELLED
    registration.save()
    content = page(member_client, open_meeting)
    assert "You cancelled your registration." in content
    assert "Awa Diop" not in content


def test_each_member_sees_their_own_registration(member, open_meeting):
    RegistrationFactory(meeting=open_meeting, user=member)
    own, other = Client(), Client()
    own.force_login(member)
    other.force_login(make_user("focal_point"))
    for _ in range(2):
        assert "We will attend" in page(own, open_meeting)
        assert "You have not answered yet." in page(other, open_meeting)


def test_a_second_visit_reads_only_the_member(member_client, member, open_meeting):
    MeetingDocumentFactory(meeting=open_meeting, title_en="Concept note")
    DelegateFactory(registration=RegistrationFactory(meeting=open_meeting, user=member))
    page(member_client, open_meeting)
    with CaptureQueriesContext(connection) as queries:
        content = page(member_client, open_meeting)
    assert "Concept note" in content
    assert "We will attend" in content
    # The member with their roles; the meeting, its parts and the member's
    # registration come from the cache.
    assert len(queries) == 1, [query["sql"] for query in queries]
