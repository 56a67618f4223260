import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import MeetingStatus, RegistrationStatus
from tests.conftest import make_user
from tests.factories import ContactFactory
from tests.meetings.factories import (
    DelegateFactory,
    MeetingFactory,
    RegistrationFactory,
)
from tests.query_budget import assert_queries_constant

pytestmark = pytest.mark.django_db


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def open_until(days):
    return timezone.now() + datetime.timedelta(days=days)


@pytest.fixture
def member():
    user = make_user("focal_point")
    ContactFactory(user=user)
    return user


def dashboard(client):
    response = client.get(reverse("contacts:dashboard"))
    assert response.status_code == 200
    return response


def test_my_meetings_lists_upcoming_registrations_soonest_first(member_client, member):
    later = RegistrationFactory(
        user=member,
        meeting=MeetingFactory(
            title_en="Senior Officials' Meeting", start_date=in_days(40)
        ),
    )
    DelegateFactory.create_batch(3, registration=later)
    RegistrationFactory(
        user=member,
        status=RegistrationStatus.NOT_ATTENDING,
        meeting=MeetingFactory(title_en="Expert workshop", start_date=in_days(10)),
    )
    response = dashboard(member_client)
    registrations = response.context["my_registrations"]
    assert [r.meeting.title for r in registrations] == [
        "Expert workshop",
        "Senior Officials' Meeting",
    ]
    assert [r.delegate_count for r in registrations] == [0, 3]
    content = response.content.decode()
    assert "My meetings" in content
    assert f'href="{later.meeting.get_absolute_url()}"' in content
    assert "Not attending" in content
    assert '<td data-label="Delegates">3</td>' in content


def test_my_meetings_leaves_out_past_cancelled_unpublished_and_others(
    member_client, member
):
    RegistrationFactory(
        user=member,
        meeting=MeetingFactory(
            title_en="Past meeting", start_date=in_days(-3), end_date=in_days(-2)
        ),
    )
    RegistrationFactory(
        user=member,
        status=RegistrationStatus.CANCELLED,
        meeting=MeetingFactory(title_en="Withdrawn meeting"),
    )
    RegistrationFactory(
        user=member,
        meeting=MeetingFactory(title_en="Hidden meeting", is_published=False),
    )
    RegistrationFactory(meeting=MeetingFactory(title_en="Someone else's meeting"))
    running = RegistrationFactory(
        user=member,
        meeting=MeetingFactory(
            title_en="Running today", start_date=in_days(-1), end_date=in_days(1)
        ),
    )
    response = dashboard(member_client)
    assert response.context["my_registrations"] == [running]
    content = response.content.decode()
    for title in ("Past meeting", "Withdrawn meeting", "Hidden meeting"):
        assert title not in content


def test_meetings_open_for_registration_the_member_has_not_answered(
    member_client, member
):
    open_meeting = MeetingFactory(
        title_en="Open workshop", registration_deadline=open_until(5)
    )
    answered = MeetingFactory(
        title_en="Answered meeting", registration_deadline=open_until(5)
    )
    RegistrationFactory(meeting=answered, user=member)
    withdrawn = MeetingFactory(
        title_en="Withdrawn meeting", registration_deadline=open_until(5)
    )
    RegistrationFactory(
        meeting=withdrawn, user=member, status=RegistrationStatus.CANCELLED
    )
    MeetingFactory(title_en="Closed meeting", registration_deadline=open_until(-1))
    MeetingFactory(title_en="No registration", registration_deadline=None)
    MeetingFactory(
        title_en="Cancelled meeting",
        registration_deadline=open_until(5),
        status=MeetingStatus.CANCELLED,
    )
    MeetingFactory(
        title_en="Unpublished meeting",
        registration_deadline=open_until(5),
        is_published=False,
    )
    # Another member's answer does not hide the meeting.
    RegistrationFactory(meeting=open_meeting)
    response = dashboard(member_client)
    assert {m.title for m in response.context["meetings_to_answer"]} == {
        "Open workshop",
        "Withdrawn meeting",
    }
    content = response.content.decode()
    register = reverse("meetings:register", kwargs={"slug": open_meeting.slug})
    assert f'href="{register}"' in content
    assert "Register for Open workshop" in content


def test_only_the_next_open_meetings_are_offered(member_client):
    for days in range(10, 17):
        MeetingFactory(
            title_en=f"Meeting in {days} days",
            start_date=in_days(days),
            registration_deadline=open_until(5),
        )
    offered = dashboard(member_client).context["meetings_to_answer"]
    assert [m.title for m in offered] == [
        f"Meeting in {days} days" for days in range(10, 15)
    ]


def test_an_empty_meetings_section_says_so(member_client):
    content = dashboard(member_client).content.decode()
    assert "You have no registration for an upcoming meeting." in content
    assert "No other meeting is open for registration at the moment." in content


def test_the_dashboard_query_count_does_not_grow_with_registrations(
    member_client, member
):
    def add(count):
        for _ in range(count):
            registration = RegistrationFactory(
                user=member,
                meeting=MeetingFactory(registration_deadline=open_until(5)),
            )
            DelegateFactory.create_batch(2, registration=registration)
            MeetingFactory(registration_deadline=open_until(5))

    add(2)
    url = reverse("contacts:dashboard")
    assert_queries_constant(member_client, url, grow=lambda: add(18))
    assert len(dashboard(member_client).context["my_registrations"]) == 20
