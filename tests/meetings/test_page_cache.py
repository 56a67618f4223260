"""A meeting's page keeps what it shows in the cache, but the member's
registration: whatever changes on it shows at the next visit, and each role
sees its own documents."""

import pytest
from django.test import Client

from meetings.models import DocumentVisibility
from tests.conftest import make_user
from tests.factories import CountryFactory, ThemeFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    MeetingDocumentFactory,
    MeetingFactory,
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
