"""`manage.py send_review`, the sweep cron runs every minute."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from newsletter.models import Campaign, CampaignStatus, Delivery, DeliveryStatus
from newsletter.services import sending
from tests.newsletter.factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def send_review(*args):
    out = StringIO()
    call_command("send_review", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def due_campaign():
    SubscriberFactory.create_batch(2)
    return sending.campaign_schedule(
        issue=IssueFactory(),
        when=timezone.now() - datetime.timedelta(minutes=1),
        user=None,
    )


@pytest.fixture
def interrupted_campaign():
    """A worker died in its batch: one message handed to SMTP, one not yet."""
    SubscriberFactory.create_batch(3)
    campaign = sending.campaign_schedule(
        issue=IssueFactory(), when=timezone.now(), user=None
    )
    sending.campaign_start(campaign=campaign)  # its task never ran
    claimed = timezone.now() - datetime.timedelta(minutes=15)
    in_doubt, untried, _waiting = campaign.deliveries.all()
    Delivery.objects.filter(pk=in_doubt.pk).update(
        status=DeliveryStatus.SENDING, claimed_at=claimed, message_id="<a@b>"
    )
    Delivery.objects.filter(pk=untried.pk).update(
        status=DeliveryStatus.SENDING, claimed_at=claimed
    )
    return campaign


def test_starts_a_due_scheduled_campaign(
    due_campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        output = send_review()

    assert "scheduled campaigns started: 1" in output
    assert len(mail.outbox) == 2
    assert Campaign.objects.get().status == CampaignStatus.SENT


def test_dry_run_changes_nothing(due_campaign, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = send_review("--dry-run")

    assert "Dry run" in output
    assert "scheduled campaigns started: 1" in output
    assert mail.outbox == []
    assert Campaign.objects.get().status == CampaignStatus.SCHEDULED


def test_resolves_what_a_dead_worker_left(
    interrupted_campaign, django_capture_on_commit_callbacks
):
    dry = send_review("--dry-run")
    assert "deliveries back in the queue: 1; deliveries to review: 1." in dry

    with django_capture_on_commit_callbacks(execute=True):
        output = send_review()

    assert "deliveries back in the queue: 1; deliveries to review: 1." in output
    assert "campaigns queued again: 1" in output
    # The message possibly sent is not sent again; the two others go out.
    assert len(mail.outbox) == 2
    statuses = sorted(interrupted_campaign.deliveries.values_list("status", flat=True))
    assert statuses == [DeliveryStatus.REVIEW, DeliveryStatus.SENT, DeliveryStatus.SENT]
    interrupted_campaign.refresh_from_db()
    assert interrupted_campaign.status == CampaignStatus.SENT


def test_leaves_a_live_worker_alone(interrupted_campaign):
    Delivery.objects.filter(status=DeliveryStatus.SENDING).update(
        claimed_at=timezone.now()
    )

    output = send_review()

    assert "deliveries back in the queue: 0; deliveries to review: 0." in output
    assert "campaigns queued again: 0" in output
    assert Delivery.objects.filter(status=DeliveryStatus.SENDING).count() == 2


def test_running_again_changes_nothing(
    interrupted_campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_review()
        second = send_review("--stale-minutes", "0")

    assert "campaigns queued again: 0" in second
    assert "deliveries to review: 0." in second
    assert len(mail.outbox) == 2


def test_every_keeps_sweeping_until_stopped(due_campaign, monkeypatch):
    from newsletter.management.commands import send_review as command

    later_issue = IssueFactory()
    naps = []

    def nap(seconds):
        naps.append(seconds)
        if len(naps) == 1:  # while it sleeps, the Secretariat schedules another
            sending.campaign_schedule(issue=later_issue, when=timezone.now(), user=None)
        elif len(naps) == 2:
            started = Campaign.objects.get(issue=later_issue)
            assert started.status != CampaignStatus.SCHEDULED
        elif len(naps) == 4:
            raise KeyboardInterrupt  # Ctrl-C

    monkeypatch.setattr(command.time, "sleep", nap)
    # Each sweep drops a stale database connection first (a loop that lasts
    # days); here that would end the test's transaction, so it is counted.
    refreshed = []
    monkeypatch.setattr(command, "close_old_connections", lambda: refreshed.append(1))

    output = send_review("--every", "60")

    assert naps == [60, 60, 60, 60]
    assert len(refreshed) == 4
    assert Campaign.objects.filter(status=CampaignStatus.SENT).count() == 2
    assert len(mail.outbox) == 4
    # Only the sweeps that did something are reported: not the last one.
    assert output.count("scheduled campaigns started: 1") == 2
    assert len(output.splitlines()) == 3
