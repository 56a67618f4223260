"""Sending an issue: who receives it, in which language, and what happens
when the mail server says no (for now, or for good)."""

import datetime
import smtplib
from collections import Counter
from email.utils import parseaddr

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.utils import timezone

from newsletter import rendering, selectors
from newsletter.models import (
    Campaign,
    CampaignStatus,
    Delivery,
    DeliveryStatus,
    SubscriberStatus,
)
from newsletter.services import issues, sending
from newsletter.services.subscriptions import subscription_cancel
from newsletter.tokens import unsubscribe_token
from tests.newsletter.factories import (
    ArticleFactory,
    IssueFactory,
    SubscriberFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://www.processusderabat.net"


class FakeSmtp:
    """What the scripted mail server will answer: `failures[address]` are
    raised, in turn, by the next attempts to that address; `open_failures`
    by the next connection attempts; `on_send(message)` runs for each
    message accepted."""

    def __init__(self):
        self.failures: dict[str, list[Exception]] = {}
        self.open_failures: list[Exception] = []
        self.opens = 0
        self.on_send = None


SMTP = FakeSmtp()


class ScriptedBackend(locmem.EmailBackend):
    """The in-memory backend behind a scripted mail server."""

    def open(self):
        if SMTP.open_failures:
            raise SMTP.open_failures.pop(0)
        SMTP.opens += 1
        return True

    def send_messages(self, messages):
        for message in messages:
            failures = SMTP.failures.get(message.to[0])
            if failures:
                raise failures.pop(0)
            super().send_messages([message])
            if SMTP.on_send:
                SMTP.on_send(message)
        return len(messages)


@pytest.fixture(autouse=True)
def _smtp(settings):
    global SMTP
    SMTP = FakeSmtp()
    settings.EMAIL_BACKEND = f"{__name__}.ScriptedBackend"
    settings.SITE_URL = SITE


@pytest.fixture
def issue():
    issue = IssueFactory(title_fr="La réunion de Dakar", title_en="The Dakar meeting")
    ArticleFactory(issue=issue)
    return issue


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run `function(**kwargs)` with its queued tasks (the worker's batches
    run at once in the tests)."""

    def run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return run


@pytest.fixture
def send(issue, run):
    """Create the campaign of `issue`, start it, and let the worker send."""

    def send():
        campaign = sending.campaign_schedule(
            issue=issue, when=timezone.now(), user=None
        )
        run(sending.campaign_start, campaign=campaign)
        campaign.refresh_from_db()
        return campaign

    return send


def later(monkeypatch, delta):
    """Move the clock `delta` forward."""
    now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: now() + delta)


def received():
    return Counter(message.to[0] for message in mail.outbox)


def deliveries(campaign):
    return {d.subscriber.email: d for d in campaign.deliveries.select_related()}


# --- Who receives it, in which language ---------------------------------------------


def test_each_confirmed_subscriber_gets_one_message_in_their_language(send):
    french = SubscriberFactory(email="amina@example.org", language="fr")
    english = SubscriberFactory(email="john@example.org", language="en")
    SubscriberFactory(email="waiting@example.org", status=SubscriberStatus.PENDING)
    SubscriberFactory(email="gone@example.org", status=SubscriberStatus.UNSUBSCRIBED)

    campaign = send()

    assert received() == {french.email: 1, english.email: 1}
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert "La réunion de Dakar" in subjects[french.email]
    assert "The Dakar meeting" in subjects[english.email]
    assert campaign.status == CampaignStatus.SENT
    assert campaign.finished_at is not None
    rows = deliveries(campaign)
    assert set(rows) == {french.email, english.email}
    assert rows[french.email].language == "fr"
    assert rows[english.email].language == "en"
    assert all(row.status == DeliveryStatus.SENT for row in rows.values())


def test_unsubscribe_link_is_absolute_and_in_the_subscriber_language(send):
    SubscriberFactory(language="en")

    send()

    [message] = mail.outbox
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link.startswith(f"{SITE}/en/review/unsubscribe/")
    assert link in message.body


def test_each_delivery_has_its_own_message_id(send):
    SubscriberFactory.create_batch(3)

    campaign = send()

    ids = {
        message.to[0]: message.extra_headers["Message-ID"] for message in mail.outbox
    }
    assert len(set(ids.values())) == 3
    for email, row in deliveries(campaign).items():
        assert row.message_id == ids[email]
        assert row.message_id.endswith("@www.processusderabat.net>")
        assert f"review-{campaign.pk}-{row.pk}" in row.message_id
        # The header of the message as it goes over the wire.
    sent = mail.outbox[0].message()
    assert sent["Message-ID"] == ids[mail.outbox[0].to[0]]


def test_starting_twice_sends_once(issue, run):
    SubscriberFactory.create_batch(3)
    campaign = sending.campaign_schedule(issue=issue, when=timezone.now(), user=None)

    assert run(sending.campaign_start, campaign=campaign) == 3
    assert run(sending.campaign_start, campaign=campaign) == 0

    assert Delivery.objects.count() == 3
    assert set(received().values()) == {1}


def test_a_sent_campaign_does_not_start_again(send, run):
    SubscriberFactory()
    campaign = send()

    assert run(sending.campaign_start, campaign=campaign) == 0
    assert len(mail.outbox) == 1
    with pytest.raises(sending.CampaignError):
        sending.campaign_schedule(issue=campaign.issue, when=timezone.now(), user=None)


def test_campaign_without_subscribers_is_finished_at_once(send):
    campaign = send()

    assert campaign.status == CampaignStatus.SENT
    assert mail.outbox == []


def test_starting_publishes_an_unpublished_issue(issue, run):
    issue.published_at = None
    issue.save()
    campaign = sending.campaign_schedule(issue=issue, when=timezone.now(), user=None)

    run(sending.campaign_start, campaign=campaign)

    issue.refresh_from_db()
    assert issue.is_published


def test_one_connection_serves_a_whole_batch(send):
    SubscriberFactory.create_batch(5)

    send()

    assert len(mail.outbox) == 5
    assert SMTP.opens == 1


def test_many_batches_reach_everyone_once(send, monkeypatch):
    monkeypatch.setattr(sending, "BATCH_SIZE", 4)
    SubscriberFactory.create_batch(10)

    campaign = send()

    assert len(received()) == 10
    assert set(received().values()) == {1}
    assert campaign.status == CampaignStatus.SENT
    assert SMTP.opens == 3  # one per batch


# --- Unsubscribing while it is sent --------------------------------------------------


def test_unsubscribing_during_the_campaign_stops_the_later_send(send):
    first = SubscriberFactory(email="a-first@example.org")
    leaving = SubscriberFactory(email="b-leaving@example.org")
    third = SubscriberFactory(email="c-third@example.org")

    def unsubscribe_after_first(message):
        if message.to == [first.email]:
            subscription_cancel(token=unsubscribe_token(leaving))

    SMTP.on_send = unsubscribe_after_first

    campaign = send()

    assert received() == {first.email: 1, third.email: 1}
    rows = deliveries(campaign)
    assert rows[leaving.email].status == DeliveryStatus.SKIPPED
    assert rows[leaving.email].message_id == ""
    assert campaign.status == CampaignStatus.SENT
    assert selectors.campaign_counts(campaign)["by_status"]["skipped"] == 1


def test_confirmed_after_the_start_is_not_in_this_campaign(issue, run):
    SubscriberFactory()
    late = SubscriberFactory(status=SubscriberStatus.PENDING)
    campaign = sending.campaign_schedule(issue=issue, when=timezone.now(), user=None)
    sending.campaign_start(campaign=campaign)  # the worker has not run yet
    late.status = SubscriberStatus.CONFIRMED
    late.save()

    run(sending.send_batch, campaign_id=campaign.pk)

    assert late.email not in received()
    assert len(mail.outbox) == 1


# --- Temporary and permanent failures ------------------------------------------------


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (smtplib.SMTPResponseException(421, b"4.7.0 Try again later"), "421 4.7.0"),
        (ConnectionRefusedError(111, "Connection refused"), "ConnectionRefused"),
        (smtplib.SMTPServerDisconnected("Connection closed"), "SMTPServerDisconnected"),
        (
            smtplib.SMTPRecipientsRefused({"x": (450, b"4.2.0 Mailbox busy")}),
            "450 4.2.0 Mailbox busy",
        ),
    ],
)
def test_temporary_failure_is_retried_after_a_delay_and_delivered_once(
    send, run, monkeypatch, error, reason
):
    unlucky = SubscriberFactory(email="unlucky@example.org")
    others = SubscriberFactory.create_batch(2)
    SMTP.failures[unlucky.email] = [error]

    campaign = send()

    row = Delivery.objects.get(subscriber=unlucky)
    assert row.status == DeliveryStatus.PENDING
    assert row.attempts == 1
    assert row.last_error.startswith(reason)
    delay = row.next_attempt_at - timezone.now()
    assert datetime.timedelta(minutes=1) < delay <= sending.RETRY_DELAY
    assert received() == {other.email: 1 for other in others}
    assert campaign.status == CampaignStatus.SENDING

    # Before the delay nothing is tried again...
    run(sending.campaigns_sweep)
    assert unlucky.email not in received()

    # ...after it, the sweep gives the row to the worker.
    later(monkeypatch, sending.RETRY_DELAY)
    run(sending.campaigns_sweep)

    assert received() == {unlucky.email: 1, **{o.email: 1 for o in others}}
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT
    assert row.last_error == ""
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT


def test_connection_error_reconnects_for_the_next_recipients(send):
    first = SubscriberFactory(email="a@example.org")
    SubscriberFactory.create_batch(3)
    SMTP.failures[first.email] = [smtplib.SMTPServerDisconnected("gone")]

    send()

    assert len(mail.outbox) == 3
    assert SMTP.opens == 2


def test_unreachable_server_puts_the_batch_back_in_the_queue(send, run, monkeypatch):
    SubscriberFactory.create_batch(3)
    SMTP.open_failures = [ConnectionRefusedError(111, "Connection refused")]

    campaign = send()

    assert mail.outbox == []
    rows = list(campaign.deliveries.all())
    assert {row.status for row in rows} == {DeliveryStatus.PENDING}
    assert {row.attempts for row in rows} == {0}
    assert "Connection refused" in rows[0].last_error

    later(monkeypatch, sending.RETRY_DELAY)
    run(sending.campaigns_sweep)

    assert len(mail.outbox) == 3


def test_permanent_failure_is_failed_with_its_reason_and_never_retried(
    send, run, monkeypatch
):
    refused = SubscriberFactory(email="nobody@example.org")
    other = SubscriberFactory()
    SMTP.failures[refused.email] = [
        smtplib.SMTPRecipientsRefused({refused.email: (550, b"5.1.1 No such user")})
    ]

    campaign = send()

    row = Delivery.objects.get(subscriber=refused)
    assert row.status == DeliveryStatus.FAILED
    assert row.last_error == "550 5.1.1 No such user"
    assert campaign.status == CampaignStatus.SENT
    counts = selectors.campaign_counts(campaign)
    assert counts["by_status"]["failed"] == 1
    assert counts["by_status"]["sent"] == 1

    later(monkeypatch, datetime.timedelta(days=1))
    run(sending.campaigns_sweep)

    assert received() == {other.email: 1}
    row.refresh_from_db()
    assert row.status == DeliveryStatus.FAILED
    assert row.attempts == 1


def test_too_many_temporary_failures_end_failed(send, run, monkeypatch):
    subscriber = SubscriberFactory()
    SMTP.failures[subscriber.email] = [
        smtplib.SMTPResponseException(451, b"4.3.0 Local error")
    ] * sending.MAX_ATTEMPTS

    send()
    for attempt in range(1, sending.MAX_ATTEMPTS):
        later(monkeypatch, sending.retry_delay(attempt) * attempt * 2)
        run(sending.campaigns_sweep)

    row = Delivery.objects.get()
    assert row.status == DeliveryStatus.FAILED
    assert row.attempts == sending.MAX_ATTEMPTS
    assert row.last_error == "451 4.3.0 Local error"
    assert mail.outbox == []


def test_retrying_failed_deliveries_sends_them_once(send, run):
    subscriber = SubscriberFactory()
    SMTP.failures[subscriber.email] = [
        smtplib.SMTPResponseException(554, b"5.7.1 Rejected")
    ]
    campaign = send()
    assert campaign.status == CampaignStatus.SENT

    assert run(sending.deliveries_retry_failed, campaign=campaign) == 1

    assert received() == {subscriber.email: 1}
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT
    assert Delivery.objects.get().status == DeliveryStatus.SENT


def test_message_that_cannot_be_built_fails_alone(send, monkeypatch):
    broken = SubscriberFactory(email="broken@example.org")
    other = SubscriberFactory()
    build = rendering.build_issue_message

    def build_or_fail(**kwargs):
        if kwargs["to"] == broken.email:
            raise ValueError("No edition")
        return build(**kwargs)

    monkeypatch.setattr(rendering, "build_issue_message", build_or_fail)

    campaign = send()

    assert received() == {other.email: 1}
    row = Delivery.objects.get(subscriber=broken)
    assert row.status == DeliveryStatus.FAILED
    assert row.last_error == "ValueError: No edition"
    assert campaign.status == CampaignStatus.SENT


def test_slow_batch_hands_back_the_rows_it_has_not_started(send, monkeypatch):
    monkeypatch.setattr(sending, "BATCH_TIME_LIMIT", datetime.timedelta(0))
    SubscriberFactory.create_batch(3)

    campaign = send()

    # One message per batch, each batch queuing the next.
    assert len(received()) == 3
    assert SMTP.opens == 3
    assert campaign.status == CampaignStatus.SENT


# --- Scheduling and the Secretariat's decisions --------------------------------------


def test_scheduled_campaign_starts_when_due(issue, run, monkeypatch):
    SubscriberFactory()
    when = timezone.now() + datetime.timedelta(hours=2)
    campaign = sending.campaign_schedule(issue=issue, when=when, user=None)

    assert run(sending.campaigns_sweep).started == 0
    assert mail.outbox == []

    later(monkeypatch, datetime.timedelta(hours=2, minutes=1))
    assert run(sending.campaigns_sweep).started == 1

    assert len(mail.outbox) == 1
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT


def test_scheduling_again_moves_the_date(issue, secretariat):
    first = sending.campaign_schedule(
        issue=issue, when=timezone.now() + datetime.timedelta(days=1), user=None
    )
    when = timezone.now() + datetime.timedelta(days=2)

    second = sending.campaign_schedule(issue=issue, when=when, user=secretariat)

    assert second.pk == first.pk
    assert Campaign.objects.get().scheduled_for == when
    assert Campaign.objects.get().created_by == secretariat


def test_a_cancelled_schedule_sends_nothing_and_calls_off_the_publication(
    run, monkeypatch
):
    SubscriberFactory()
    draft = IssueFactory(published_at=None)
    when = timezone.now() + datetime.timedelta(hours=2)
    run(issues.issue_send, issue=draft, when=when, send_now=False, user=None)
    draft.refresh_from_db()
    assert draft.published_at == when

    sending.campaign_cancel(campaign=draft.campaign)

    draft.refresh_from_db()
    assert draft.published_at is None
    assert Campaign.objects.get().status == CampaignStatus.CANCELLED
    later(monkeypatch, datetime.timedelta(hours=3))
    assert run(sending.campaigns_sweep).started == 0
    assert mail.outbox == []
    assert not Delivery.objects.exists()


def test_cancelling_keeps_a_publication_already_made(issue):
    published_at = issue.published_at
    campaign = sending.campaign_schedule(
        issue=issue, when=timezone.now() + datetime.timedelta(days=1), user=None
    )
    sending.campaign_cancel(campaign=campaign)
    issue.refresh_from_db()
    assert issue.published_at == published_at


def test_a_started_campaign_cannot_be_cancelled(send):
    SubscriberFactory()
    campaign = send()
    with pytest.raises(sending.CampaignError):
        sending.campaign_cancel(campaign=campaign)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT
    assert len(mail.outbox) == 1


def test_a_cancelled_issue_is_sent_later_once(issue, run):
    subscriber = SubscriberFactory()
    campaign = sending.campaign_schedule(
        issue=issue, when=timezone.now() + datetime.timedelta(days=1), user=None
    )
    sending.campaign_cancel(campaign=campaign)

    again = run(
        issues.issue_send,
        issue=issue,
        when=timezone.now(),
        send_now=True,
        user=None,
    )

    assert again.pk == campaign.pk
    assert again.status == CampaignStatus.SENDING  # as it was when returned
    assert Campaign.objects.get().status == CampaignStatus.SENT
    assert received() == {subscriber.email: 1}
    with pytest.raises(issues.CampaignExists):
        issues.issue_send(issue=issue, when=timezone.now(), send_now=True, user=None)


def test_resending_deliveries_under_review(send, run):
    subscriber = SubscriberFactory()
    campaign = send()
    Delivery.objects.update(status=DeliveryStatus.REVIEW)

    assert run(sending.deliveries_resend_review, campaign=campaign) == 1

    # The Secretariat chose a possible duplicate over a missing issue.
    assert received() == {subscriber.email: 2}
    assert Delivery.objects.get().status == DeliveryStatus.SENT


def test_campaign_counts_per_language_and_status_in_one_query(
    send, django_assert_num_queries
):
    SubscriberFactory.create_batch(2, language="fr")
    english = SubscriberFactory(language="en")
    SMTP.failures[english.email] = [smtplib.SMTPResponseException(550, b"No")]
    campaign = send()

    with django_assert_num_queries(1):
        counts = selectors.campaign_counts(campaign)

    assert counts["total"] == 3
    assert counts["by_status"]["sent"] == 2
    assert counts["by_status"]["failed"] == 1
    assert counts["by_status"]["review"] == 0
    assert counts["by_language"]["fr"]["sent"] == 2
    assert counts["by_language"]["en"] == {
        **dict.fromkeys(DeliveryStatus.values, 0),
        "failed": 1,
    }


def test_sender_and_recipient_addresses(send, settings):
    subscriber = SubscriberFactory()

    send()

    [message] = mail.outbox
    assert message.to == [subscriber.email]
    assert parseaddr(message.from_email)[1] == parseaddr(settings.REVIEW_FROM_EMAIL)[1]


# --- With the worker's queue (the database backend of production) -------------------


def test_worker_queue_gets_the_next_batch_then_a_deferred_retry(
    issue, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from newsletter.tasks import send_campaign_batch

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    unlucky = SubscriberFactory()
    SubscriberFactory()
    SMTP.failures[unlucky.email] = [smtplib.SMTPResponseException(421, b"Later")]
    campaign = sending.campaign_schedule(issue=issue, when=timezone.now(), user=None)
    with django_capture_on_commit_callbacks(execute=True):
        sending.campaign_start(campaign=campaign)
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "newsletter.tasks.send_campaign_batch"
    assert queued.args_kwargs["args"] == [campaign.pk]
    assert mail.outbox == []  # in a request, nothing is sent

    with django_capture_on_commit_callbacks(execute=True):
        send_campaign_batch.call(campaign.pk)  # what db_worker runs

    assert len(mail.outbox) == 1
    retry = DBTaskResult.objects.exclude(pk=queued.pk).get()
    assert retry.run_after == Delivery.objects.get(subscriber=unlucky).next_attempt_at
