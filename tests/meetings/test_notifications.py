"""When the Secretariat changes a meeting: calendars update (SEQUENCE) and the
registrants hear of new dates or status, each in their language."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from meetings.models import Meeting, MeetingStatus, RegistrationStatus
from meetings.notifications import meeting_changed, meeting_schedule
from tests.factories import UserFactory
from tests.meetings.admin_data import admin_form_data
from tests.meetings.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(
        slug="dakar-2031",
        title_fr="Réunion thématique de Dakar",
        title_en="Dakar thematic meeting",
        start_date=datetime.date(2031, 9, 11),
        end_date=datetime.date(2031, 9, 12),
    )


@pytest.fixture
def registrations(meeting):
    """One French registrant attending, one English one not attending, one
    who withdrew."""
    french = RegistrationFactory(
        meeting=meeting, user=UserFactory(preferred_language="fr")
    )
    english = RegistrationFactory(
        meeting=meeting,
        user=UserFactory(preferred_language="en"),
        status=RegistrationStatus.NOT_ATTENDING,
    )
    RegistrationFactory(
        meeting=meeting,
        user=UserFactory(preferred_language="en"),
        status=RegistrationStatus.CANCELLED,
    )
    return french, english


def save_in_admin(client, meeting, capture, **changes):
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = admin_form_data(client.get(url), **changes)
    with capture(execute=True):
        response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "was changed successfully" in response.content.decode()
    meeting.refresh_from_db()
    return response


def outbox_by_recipient():
    return {message.to[0]: message for message in mail.outbox}


def test_new_dates_are_emailed_to_each_active_registrant_in_their_language(
    secretariat_client, meeting, registrations, django_capture_on_commit_callbacks
):
    french, english = registrations

    response = save_in_admin(
        secretariat_client,
        meeting,
        django_capture_on_commit_callbacks,
        start_date="2031-09-18",
        end_date="2031-09-19",
    )

    assert "2 participants will be notified of the change." in (
        response.content.decode()
    )
    assert meeting.sequence == 1
    sent = outbox_by_recipient()
    assert set(sent) == {french.user.email, english.user.email}
    in_french = sent[french.user.email]
    assert "Réunion thématique de Dakar" in in_french.subject
    assert "du 11 au 12 septembre 2031" in in_french.body
    assert "du 18 au 19 septembre 2031" in in_french.body
    assert f"{settings.SITE_URL}/fr/meetings/dakar-2031/" in in_french.body
    in_english = sent[english.user.email]
    assert in_english.subject == "Meeting changed: Dakar thematic meeting"
    assert "11\u201312 September 2031" in in_english.body
    assert "18\u201319 September 2031" in in_english.body
    assert "/en/meetings/dakar-2031/" in in_english.body
    assert "Status" not in in_english.body


def test_a_cancellation_is_emailed(
    secretariat_client, meeting, registrations, django_capture_on_commit_callbacks
):
    save_in_admin(
        secretariat_client,
        meeting,
        django_capture_on_commit_callbacks,
        status=MeetingStatus.CANCELLED,
    )
    _french, english = registrations
    in_english = outbox_by_recipient()[english.user.email]
    assert in_english.subject == "Meeting cancelled: Dakar thematic meeting"
    assert "has been cancelled" in in_english.body
    assert "Status before: Planned" in in_english.body
    assert "Status now: Cancelled" in in_english.body
    assert "Dates before" not in in_english.body
    assert meeting.sequence == 1


def test_new_times_are_emailed_with_their_time_zone(
    secretariat_client, meeting, registrations, django_capture_on_commit_callbacks
):
    save_in_admin(
        secretariat_client,
        meeting,
        django_capture_on_commit_callbacks,
        start_time="09:00",
        end_time="13:00",
        time_zone="Africa/Dakar",
    )
    _french, english = registrations
    body = outbox_by_recipient()[english.user.email].body
    assert "Dates before: 11\u201312 September 2031\n" in body
    assert (
        "Dates now: 11 September 2031, 09:00 to 12 September 2031, 13:00, "
        "Dakar time (UTC+0)"
    ) in body


def test_a_summary_change_sends_nothing_and_keeps_the_revision(
    secretariat_client, meeting, registrations, django_capture_on_commit_callbacks
):
    response = save_in_admin(
        secretariat_client,
        meeting,
        django_capture_on_commit_callbacks,
        summary_en="A new summary.",
        summary_fr="Un nouveau résumé.",
    )
    assert meeting.summary_en == "A new summary."
    assert meeting.sequence == 0
    assert not mail.outbox
    assert "will be notified" not in response.content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"title_fr": "Nouveau titre"},
        {"venue_en": "Hotel of the Ocean"},
        {"city_fr": "Saint-Louis"},
    ],
)
def test_calendar_fields_raise_the_revision_without_emails(
    secretariat_client,
    meeting,
    registrations,
    django_capture_on_commit_callbacks,
    changes,
):
    save_in_admin(
        secretariat_client, meeting, django_capture_on_commit_callbacks, **changes
    )
    assert meeting.sequence == 1
    assert not mail.outbox


def test_every_change_raises_the_revision_again(
    secretariat_client, meeting, django_capture_on_commit_callbacks
):
    save_in_admin(
        secretariat_client,
        meeting,
        django_capture_on_commit_callbacks,
        status=MeetingStatus.POSTPONED,
    )
    save_in_admin(
        secretariat_client,
        meeting,
        django_capture_on_commit_callbacks,
        start_date="2031-10-01",
        end_date="2031-10-01",
    )
    assert meeting.sequence == 2
    assert not mail.outbox  # nobody registered


def test_adding_a_meeting_notifies_nobody(secretariat_client):
    response = secretariat_client.get(reverse("admin:meetings_meeting_add"))
    data = admin_form_data(
        response,
        title_fr="Nouvelle réunion",
        slug="new-meeting",
        meeting_type="thematic",
        start_date="2031-01-10",
        end_date="2031-01-10",
    )
    secretariat_client.post(reverse("admin:meetings_meeting_add"), data)
    assert Meeting.objects.get(slug="new-meeting").sequence == 0


def test_registrants_whose_account_was_closed_are_not_emailed(
    meeting, django_capture_on_commit_callbacks
):
    RegistrationFactory(meeting=meeting, user=UserFactory(is_active=False))
    kept = RegistrationFactory(
        meeting=meeting, user=UserFactory(preferred_language="en")
    )
    with django_capture_on_commit_callbacks(execute=True):
        count = meeting_changed(
            meeting=meeting,
            changed_fields={"status"},
            previous={"status": MeetingStatus.CONFIRMED},
        )
    assert count == 1
    assert [message.to for message in mail.outbox] == [[kept.user.email]]
    body = mail.outbox[0].body
    assert "Status before: Confirmed" in body
    assert "Status now: Planned" in body


def test_emails_wait_for_the_change_to_be_committed(meeting, registrations):
    meeting_changed(
        meeting=meeting,
        changed_fields={"start_date"},
        previous={"start_date": datetime.date(2031, 9, 1)},
    )
    assert not mail.outbox


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, "11 September 2031"),
        (
            {"end_date": datetime.date(2031, 9, 12)},
            "11\u201312 September 2031",
        ),
        (
            {
                "start_time": datetime.time(9),
                "end_time": datetime.time(17, 30),
                "time_zone": "Africa/Dakar",
            },
            "11 September 2031, 09:00 to 17:30, Dakar time (UTC+0)",
        ),
        (
            {"start_time": datetime.time(9), "time_zone": "Europe/Madrid"},
            "11 September 2031, 09:00, Madrid time (UTC+2)",
        ),
    ],
)
def test_the_schedule_says_when_the_meeting_takes_place(fields, expected):
    meeting = Meeting(
        start_date=datetime.date(2031, 9, 11),
        end_date=fields.pop("end_date", datetime.date(2031, 9, 11)),
        **fields,
    )
    assert meeting_schedule(meeting) == expected


def test_the_schedule_is_written_with_the_languages_formats():
    meeting = Meeting(
        start_date=datetime.date(2031, 9, 11),
        end_date=datetime.date(2031, 9, 12),
        start_time=datetime.time(9),
        end_time=datetime.time(17, 30),
        time_zone="Africa/Dakar",
    )
    with translation.override("fr"):
        schedule = meeting_schedule(meeting)
    assert schedule == (
        "du 11 septembre 2031, 9\u00a0h\u00a000 au 12 septembre 2031, "
        "17\u00a0h\u00a030, heure de Dakar (UTC+0)"
    )


def test_an_edit_does_not_undo_a_revision_raised_meanwhile(
    secretariat_client, meeting, django_capture_on_commit_callbacks
):
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = admin_form_data(secretariat_client.get(url), status="confirmed")
    # Another edit, saved while this one was being typed.
    Meeting.objects.filter(pk=meeting.pk).update(sequence=5)
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(url, data)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == ("confirmed", 6)


def test_saving_an_edit_raises_the_revision_only_for_calendar_fields(meeting):
    from meetings.services import meeting_edit_save

    Meeting.objects.filter(pk=meeting.pk).update(sequence=5)
    meeting.aims_en = "New aims"
    assert meeting_edit_save(meeting=meeting, changed_fields={"aims"}, previous={}) == 0
    meeting.refresh_from_db()
    assert (meeting.aims_en, meeting.sequence) == ("New aims", 5)

    meeting.title_en = "New title"
    meeting_edit_save(meeting=meeting, changed_fields={"title"}, previous={})
    meeting.refresh_from_db()
    assert (meeting.title_en, meeting.sequence) == ("New title", 6)
