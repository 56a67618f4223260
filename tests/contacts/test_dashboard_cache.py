"""The dashboard keeps its meetings and its forum activity in the cache: what
changes there shows at the next visit, and no member sees another's."""

import datetime
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forums.services.posting import reply_create
from tests.conftest import make_user
from tests.forums.factories import ForumFactory, PostFactory, TopicFactory
from tests.meetings.factories import (
    DelegateFactory,
    MeetingFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def dashboard(client) -> str:
    response = client.get(reverse("contacts:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def section(content: str, heading: str) -> str:
    start = content.index(heading)
    return content[start : start + 3000]


@pytest.fixture
def meeting():
    return MeetingFactory(
        title_en="Dakar workshop",
        registration_deadline=timezone.now() + datetime.timedelta(days=5),
    )


def test_a_registration_shows_at_the_next_visit(member_client, member, meeting):
    content = dashboard(member_client)
    assert "Dakar workshop" in section(content, "Meetings open for registration")
    registration = RegistrationFactory(user=member, meeting=meeting)
    content = dashboard(member_client)
    assert "Dakar workshop" in section(content, "My meetings")
    assert "Dakar workshop" not in section(content, "Meetings open for registration")
    DelegateFactory.create_batch(2, registration=registration)
    content = dashboard(member_client)
    assert 'data-label="Delegates">2</td>' in section(content, "My meetings")


def test_a_meeting_renamed_shows_at_the_next_visit(member_client, meeting):
    assert "Dakar workshop" in dashboard(member_client)
    meeting.title_en = "Dakar ministerial conference"
    meeting.save()
    assert "Dakar ministerial conference" in dashboard(member_client)


def test_each_member_sees_their_own_registrations(member, meeting):
    RegistrationFactory(user=member, meeting=meeting)
    own, other = Client(), Client()
    own.force_login(member)
    other.force_login(make_user("focal_point"))
    for _ in range(2):
        assert "You have no registration" not in dashboard(own)
        assert "You have no registration" in dashboard(other)


def test_forum_activity_shows_new_posts_and_what_the_member_read(
    member_client, member, django_capture_on_commit_callbacks
):
    topic = TopicFactory(forum=ForumFactory(), title="Border data")
    PostFactory(topic=topic)
    assert "Border data" in dashboard(member_client)
    assert ">New</span>" in section(dashboard(member_client), "Recent forum activity")
    member_client.get(topic.get_absolute_url())
    assert ">New</span>" not in section(
        dashboard(member_client), "Recent forum activity"
    )
    with django_capture_on_commit_callbacks(execute=True):
        reply_create(
            topic=TopicFactory(forum=topic.forum, title="Visa statistics"),
            author=make_user("focal_point"),
            body="A first answer",
            submission_key=uuid.uuid4(),
        )
    assert "Visa statistics" in dashboard(member_client)
