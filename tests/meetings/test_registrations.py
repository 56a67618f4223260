import datetime
import re
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from meetings import rules
from meetings.models import MeetingStatus, Registration, RegistrationStatus
from meetings.selectors import member_registration
from meetings.services import RegistrationClosed, registration_save
from tests.conftest import make_user
from tests.factories import ContactFactory, CountryFactory
from tests.meetings.factories import (
    DelegateFactory,
    MeetingFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

DEADLINE = timezone.now().replace(microsecond=0) + datetime.timedelta(days=7)


@pytest.fixture
def meeting():
    return MeetingFactory(
        title_en="Workshop on migration data", registration_deadline=DEADLINE
    )


@pytest.fixture
def member():
    user = make_user("focal_point")
    ContactFactory(user=user, country=CountryFactory(iso_code="SN", name_en="Senegal"))
    return user


def register_url(meeting):
    return reverse("meetings:register", kwargs={"slug": meeting.slug})


def cancel_url(meeting):
    return reverse("meetings:registration_cancel", kwargs={"slug": meeting.slug})


def answer(status="attending", delegates=(), notes="", initial=0, **extra):
    """The POST data of the registration form, one row per delegate."""
    data = {
        "status": status,
        "notes": notes,
        "delegates-TOTAL_FORMS": str(max(len(delegates), 3)),
        "delegates-INITIAL_FORMS": str(initial),
        "delegates-MIN_NUM_FORMS": "0",
        "delegates-MAX_NUM_FORMS": "10",
        **extra,
    }
    for index, (name, function) in enumerate(delegates):
        data[f"delegates-{index}-name"] = name
        data[f"delegates-{index}-function"] = function
    return data


def frozen_at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# --- Who may register ---------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, meeting):
    response = client.get(register_url(meeting))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]


def test_a_user_without_a_member_group_is_refused(client, meeting):
    client.force_login(make_user("no_group"))
    assert client.get(register_url(meeting)).status_code == 403
    assert client.post(register_url(meeting), answer()).status_code == 403
    assert client.get(cancel_url(meeting)).status_code == 403
    assert not Registration.objects.exists()


def test_an_unpublished_meeting_is_not_found(member_client):
    hidden = MeetingFactory(is_published=False, registration_deadline=DEADLINE)
    assert member_client.get(register_url(hidden)).status_code == 404
    assert member_client.post(register_url(hidden), answer()).status_code == 404
    assert member_client.get(cancel_url(hidden)).status_code == 404


def test_every_member_role_may_register(client, meeting):
    for role in ("thematic_contact", "steering_committee", "moderator"):
        client.force_login(make_user(role))
        assert client.get(register_url(meeting)).status_code == 200


# --- The form -------------------------------------------------------------------------


def test_a_first_answer_starts_attending_with_empty_delegate_rows(
    member_client, meeting
):
    response = member_client.get(register_url(meeting))
    content = response.content.decode()
    assert "Register for the meeting" in content
    assert re.search(r'<input [^>]*value="attending"[^>]* checked', content)
    assert not re.search(r'<input [^>]*value="not_attending"[^>]* checked', content)
    assert response.context["form"].delegates.total_form_count() == 3
    assert 'name="delegates-2-name"' in content
    assert "Delegate 1: name" in content


def test_the_form_shows_the_members_current_answer(member_client, member, meeting):
    registration = RegistrationFactory(
        meeting=meeting, user=member, notes="Two visas needed"
    )
    DelegateFactory(registration=registration, name="Awa Diop", function="Director")
    content = member_client.get(register_url(meeting)).content.decode()
    assert "Change my registration" in content
    assert 'value="Awa Diop"' in content
    assert 'value="Director"' in content
    assert "Two visas needed" in content
    # One filled row, two empty ones below it.
    assert 'name="delegates-2-name"' in content
    assert 'name="delegates-3-name"' not in content


def test_registering_records_the_answer_and_the_delegation(
    member_client, member, meeting
):
    response = member_client.post(
        register_url(meeting),
        answer(
            delegates=[("Awa Diop", "Director"), ("Moussa Fall", "Adviser")],
            notes="Arriving the day before",
        ),
        follow=True,
    )
    assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert messages_of(response) == ["Your registration has been recorded."]
    registration = Registration.objects.get(meeting=meeting, user=member)
    assert registration.status == RegistrationStatus.ATTENDING
    assert registration.notes == "Arriving the day before"
    assert registration.country.iso_code == "SN"
    assert [(d.name, d.function) for d in registration.delegates.all()] == [
        ("Awa Diop", "Director"),
        ("Moussa Fall", "Adviser"),
    ]


def test_a_member_without_a_contact_card_registers_without_a_country(client, meeting):
    user = make_user("focal_point")
    client.force_login(user)
    client.post(register_url(meeting), answer(delegates=[("Awa Diop", "Director")]))
    assert Registration.objects.get(user=user).country is None


def test_attending_needs_a_delegate_and_nothing_typed_is_lost(member_client, meeting):
    response = member_client.post(
        register_url(meeting), answer(notes="We need an interpreter")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Name at least one delegate (name and function)" in content
    assert "We need an interpreter" in content
    assert not Registration.objects.exists()


def test_each_filled_row_needs_a_name_and_a_function(member_client, meeting):
    response = member_client.post(
        register_url(meeting),
        answer(delegates=[("Awa Diop", ""), ("", "Adviser on borders")]),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Give this delegate&#x27;s function too." in content
    assert "Give this delegate&#x27;s name too." in content
    assert 'value="Awa Diop"' in content
    assert 'value="Adviser on borders"' in content
    assert not Registration.objects.exists()


def test_not_attending_needs_no_delegation(member_client, member, meeting):
    response = member_client.post(
        register_url(meeting), answer(status="not_attending", notes="Sorry")
    )
    assert response.status_code == 302
    registration = Registration.objects.get(user=member)
    assert registration.status == RegistrationStatus.NOT_ATTENDING
    assert not registration.delegates.exists()


def test_a_cancelled_status_cannot_be_posted_as_an_answer(member_client, meeting):
    response = member_client.post(register_url(meeting), answer(status="cancelled"))
    assert response.status_code == 200
    assert response.context["form"].errors["status"]
    assert not Registration.objects.exists()


def test_a_delegation_has_at_most_ten_people(member_client, meeting):
    eleven = [(f"Delegate {index}", "Adviser") for index in range(11)]
    response = member_client.post(register_url(meeting), answer(delegates=eleven))
    assert response.status_code == 200
    assert "A delegation has at most 10 people." in response.content.decode()
    assert not Registration.objects.exists()


def test_more_rows_keeps_what_was_typed_and_saves_nothing(member_client, meeting):
    response = member_client.post(
        register_url(meeting),
        answer(
            delegates=[("Awa Diop", "Director"), ("Moussa Fall", "")],
            notes="Visa letters please",
            add_rows="1",
        ),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.delegates.total_form_count() == 5
    content = response.content.decode()
    assert 'value="Awa Diop"' in content
    assert 'value="Moussa Fall"' in content
    assert "Visa letters please" in content
    # Not a submission: the half-filled row is not flagged yet.
    assert "function too" not in content
    assert not Registration.objects.exists()


def test_changing_the_answer_replaces_the_delegation(member_client, member, meeting):
    registration = RegistrationFactory(meeting=meeting, user=member)
    DelegateFactory(registration=registration, name="Awa Diop")
    DelegateFactory(registration=registration, name="Moussa Fall")
    response = member_client.post(
        register_url(meeting),
        answer(delegates=[("", ""), ("Moussa Fall", "Head of delegation")], initial=2),
        follow=True,
    )
    assert messages_of(response) == ["Your registration has been updated."]
    registration.refresh_from_db()
    assert [(d.name, d.function) for d in registration.delegates.all()] == [
        ("Moussa Fall", "Head of delegation")
    ]
    assert Registration.objects.count() == 1


def test_the_country_is_the_one_of_the_first_registration(
    member_client, member, meeting
):
    member_client.post(register_url(meeting), answer(delegates=[("Awa", "Director")]))
    member.contact.country = CountryFactory(iso_code="ML")
    member.contact.save()
    member_client.post(register_url(meeting), answer(status="not_attending", initial=1))
    assert Registration.objects.get(user=member).country.iso_code == "SN"


def test_the_registrant_gets_a_confirmation_in_their_language(
    member_client, member, meeting, settings, django_capture_on_commit_callbacks
):
    member.preferred_language = "fr"
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(
            register_url(meeting), answer(delegates=[("Awa Diop", "Director")])
        )
    [message] = mail.outbox
    assert message.to == [member.email]
    assert "Réunion" in message.subject  # the French title of the meeting
    assert "Awa Diop, Director" in message.body
    assert f"{settings.SITE_URL}/fr/meetings/{meeting.slug}/" in message.body


# --- The deadline ---------------------------------------------------------------------


def test_one_second_before_the_deadline_the_answer_is_recorded(
    member_client, member, meeting
):
    with frozen_at(DEADLINE - datetime.timedelta(seconds=1)):
        # Days later: the idle session has ended, the member logs in again.
        member_client.force_login(member)
        assert member_client.get(register_url(meeting)).context.get("form")
        response = member_client.post(
            register_url(meeting), answer(delegates=[("Awa Diop", "Director")])
        )
    assert response.status_code == 302
    assert Registration.objects.filter(user=member).exists()


@pytest.mark.parametrize("after", [0, 1])
def test_from_the_deadline_on_registration_is_closed(
    member_client, member, meeting, after
):
    with frozen_at(DEADLINE + datetime.timedelta(seconds=after)):
        # Days later: the idle session has ended, the member logs in again.
        member_client.force_login(member)
        page = member_client.get(register_url(meeting))
        refused = member_client.post(
            register_url(meeting), answer(delegates=[("Awa Diop", "Director")])
        )
    assert page.status_code == 200
    assert "form" not in page.context
    assert "Registration closed on" in page.content.decode()
    assert meeting.get_absolute_url() in page.content.decode()
    assert 'name="status"' not in page.content.decode()
    assert refused.status_code == 200
    assert "Registration closed on" in refused.content.decode()
    assert "Nothing was changed." in refused.content.decode()
    assert not Registration.objects.exists()


def test_a_change_after_the_deadline_leaves_the_answer_as_it_was(
    member_client, member, meeting
):
    registration = RegistrationFactory(meeting=meeting, user=member)
    DelegateFactory(registration=registration, name="Awa Diop")
    with frozen_at(DEADLINE + datetime.timedelta(seconds=1)):
        # Days later: the idle session has ended, the member logs in again.
        member_client.force_login(member)
        member_client.post(
            register_url(meeting), answer(status="not_attending", initial=1)
        )
        member_client.post(cancel_url(meeting))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ATTENDING
    assert registration.delegates.count() == 1


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (MeetingStatus.CANCELLED, "This meeting is cancelled"),
        (MeetingStatus.HELD, "This meeting has been held"),
    ],
)
def test_a_cancelled_or_held_meeting_takes_no_registration(
    member_client, meeting, status, reason
):
    meeting.status = status
    meeting.save()
    page = member_client.get(register_url(meeting))
    assert reason in page.content.decode()
    member_client.post(register_url(meeting), answer(delegates=[("Awa", "Director")]))
    assert not Registration.objects.exists()


def test_a_meeting_without_a_deadline_takes_no_registration(member_client):
    meeting = MeetingFactory(registration_deadline=None)
    page = member_client.get(register_url(meeting))
    assert "This meeting takes no registration on the portal." in (
        page.content.decode()
    )


def test_the_service_refuses_a_closed_meeting(member):
    meeting = MeetingFactory(
        registration_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(RegistrationClosed):
        registration_save(
            meeting=meeting,
            user=member,
            status=RegistrationStatus.NOT_ATTENDING,
            notes="",
            delegates=[],
        )
    assert not Registration.objects.exists()


# --- Cancelling -----------------------------------------------------------------------


def test_cancelling_asks_for_confirmation_then_keeps_the_row(
    member_client, member, meeting
):
    registration = RegistrationFactory(meeting=meeting, user=member)
    DelegateFactory(registration=registration, name="Awa Diop")
    page = member_client.get(cancel_url(meeting))
    assert page.status_code == 200
    assert "Awa Diop" in page.content.decode()
    assert registration.status == RegistrationStatus.ATTENDING
    response = member_client.post(cancel_url(meeting), follow=True)
    assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert messages_of(response) == ["Your registration has been cancelled."]
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.delegates.count() == 1


def test_nothing_to_cancel_leads_back_to_the_meeting(member_client, member, meeting):
    response = member_client.get(cancel_url(meeting), follow=True)
    assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert messages_of(response) == [
        "You have no registration to cancel for this meeting."
    ]
    RegistrationFactory(
        meeting=meeting, user=member, status=RegistrationStatus.CANCELLED
    )
    response = member_client.post(cancel_url(meeting))
    assert response["Location"] == meeting.get_absolute_url()


def test_registering_again_after_cancelling_takes_up_the_same_row(
    member_client, member, meeting
):
    registration = RegistrationFactory(
        meeting=meeting, user=member, status=RegistrationStatus.CANCELLED
    )
    DelegateFactory(registration=registration, name="Awa Diop", function="Director")
    page = member_client.get(register_url(meeting))
    assert "Register for the meeting" in page.content.decode()
    assert 'value="Awa Diop"' in page.content.decode()
    response = member_client.post(
        register_url(meeting),
        answer(delegates=[("Awa Diop", "Director")], initial=1),
        follow=True,
    )
    assert messages_of(response) == ["Your registration has been recorded."]
    assert Registration.objects.get().pk == registration.pk
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ATTENDING


# --- The panel on the meeting's page --------------------------------------------------


def panel(meeting, user, registration=None):
    return render_to_string(
        "meetings/_registration_panel.html",
        {
            "meeting": meeting,
            "registration": registration,
            "can_answer_registrations": rules.can_answer_registrations(user),
            "can_register": rules.can_register(user, meeting),
            "user": user,
        },
    )


def test_the_panel_shows_the_members_answer_and_what_they_can_do(member, meeting):
    registration = RegistrationFactory(meeting=meeting, user=member)
    DelegateFactory(registration=registration, name="Awa Diop", function="Director")
    html = panel(meeting, member, member_registration(meeting, member))
    assert "We will attend" in html
    assert "Awa Diop, Director" in html
    assert register_url(meeting) in html
    assert "Change my registration" in html
    assert cancel_url(meeting) in html


def test_the_panel_invites_a_member_who_has_not_answered(member, meeting):
    html = panel(meeting, member)
    assert "You have not answered yet." in html
    assert f'href="{register_url(meeting)}">Register</a>' in html
    assert cancel_url(meeting) not in html


def test_the_panel_says_when_registration_closed(member, meeting):
    registration = RegistrationFactory(meeting=meeting, user=member)
    with frozen_at(DEADLINE + datetime.timedelta(seconds=1)):
        html = panel(meeting, member, registration)
    assert "Registration closed on" in html
    assert "We will attend" in html
    assert register_url(meeting) not in html


def test_the_panel_asks_visitors_to_log_in(meeting):
    html = panel(meeting, AnonymousUser())
    assert "Members log in to register" in html
    assert f'/accounts/login/?next=/en/meetings/{meeting.slug}/register/"' in html
    with frozen_at(DEADLINE + datetime.timedelta(seconds=1)):
        assert "Registration" not in panel(meeting, AnonymousUser())


def test_the_panel_is_empty_without_registration_or_for_non_members(meeting, member):
    assert panel(MeetingFactory(registration_deadline=None), member).strip() == ""
    assert panel(meeting, make_user("no_group")).strip() == ""


def test_the_meeting_page_shows_the_answer_after_registering(member_client, meeting):
    response = member_client.post(
        register_url(meeting),
        answer(delegates=[("Awa Diop", "Director")]),
        follow=True,
    )
    content = response.content.decode()
    assert "Your registration has been recorded." in content
    assert "Awa Diop, Director" in content
    assert "Cancel my registration" in content
