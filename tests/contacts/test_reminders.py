"""The monthly reminder to confirm one's card, through its command."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from contacts.models import VerificationReminder
from tests.factories import ContactFactory, ContactRoleFactory

pytestmark = pytest.mark.django_db

MARCH = datetime.datetime(2026, 3, 16, 9, 0, tzinfo=datetime.UTC)
LATER_IN_MARCH = datetime.datetime(2026, 3, 30, 9, 0, tzinfo=datetime.UTC)
APRIL = datetime.datetime(2026, 4, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def travel_to(monkeypatch):
    """Make `timezone.now()` return `moment` from now on, for the whole test."""

    def travel(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return travel


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """Run the command as cron would; return its output."""

    def run(*args):
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_verification_reminders", *args, stdout=out)
        return out.getvalue()

    return run


def contact_verified(days_before_march, *, current=True, **fields):
    contact = ContactFactory(
        last_verified_at=MARCH - datetime.timedelta(days=days_before_march), **fields
    )
    if current:
        ContactRoleFactory(contact=contact, start_date=datetime.date(2015, 1, 1))
    else:
        ContactRoleFactory(
            contact=contact,
            start_date=datetime.date(2015, 1, 1),
            end_date=datetime.date(2020, 1, 1),
        )
    return contact


def test_an_overdue_contact_is_reminded_once_a_month(travel_to, remind):
    contact = contact_verified(13 * 30, email="overdue@example.org")

    travel_to(MARCH)
    output = remind()
    assert [message.to for message in mail.outbox] == [["overdue@example.org"]]
    assert "1 contact(s) reminded." in output
    assert "overdue@example.org" in output

    travel_to(LATER_IN_MARCH)
    output = remind()
    assert len(mail.outbox) == 1
    assert "0 contact(s) reminded." in output

    travel_to(APRIL)
    remind()
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["overdue@example.org"]
    assert VerificationReminder.objects.filter(contact=contact).count() == 2


def test_recent_and_former_contacts_are_not_reminded(travel_to, remind):
    contact_verified(30)
    contact_verified(13 * 30, current=False)
    travel_to(MARCH)
    assert "0 contact(s) reminded." in remind()
    assert mail.outbox == []
    assert not VerificationReminder.objects.exists()


def test_a_dry_run_sends_and_records_nothing(travel_to, remind):
    contact_verified(13 * 30, email="overdue@example.org")
    travel_to(MARCH)
    output = remind("--dry-run")
    assert "overdue@example.org" in output
    assert "Dry run: 1 contact(s) would be reminded" in output
    assert mail.outbox == []
    assert not VerificationReminder.objects.exists()
    # The real run still reminds them.
    remind()
    assert len(mail.outbox) == 1
