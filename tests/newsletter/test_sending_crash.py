"""A worker that stops in the middle of a campaign, then a new one that
resumes it: every subscriber receives the issue exactly once.

A message that may have left when the worker died is never sent again by
itself: its row waits for the Secretariat's decision (REVIEW). A message the
worker had not yet handed to SMTP is sent by the next worker, once.
"""

import asyncio
import datetime
import email
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail.backends import locmem
from django.db import connection
from django.utils import timezone

from newsletter import rendering, selectors
from newsletter.models import CampaignStatus, Delivery, DeliveryStatus
from newsletter.services import sending
from tests.newsletter.factories import IssueFactory, SubscriberFactory

SUBSCRIBERS = 12
BATCH = 5
CRASH_AT = 7  # the 7th message: the second of the second batch


class WorkerKilled(BaseException):
    """The worker process dies here (not an error the code could handle)."""


class CrashingBackend(locmem.EmailBackend):
    """The mail server accepts the CRASH_AT-th message, then the worker dies
    before it can record that the message left."""

    def send_messages(self, messages):
        super().send_messages(messages)
        if len(mail.outbox) == CRASH_AT:
            raise WorkerKilled
        return len(messages)


def received():
    return Counter(message.to[0] for message in mail.outbox)


def work(campaign):
    """A worker: batches until the campaign has nothing left to send now."""
    while sending.send_batch(campaign_id=campaign.pk, batch_size=BATCH):
        pass


@pytest.fixture
def campaign(db, settings):
    settings.SITE_URL = "https://www.processusderabat.net"
    subscribers = [
        SubscriberFactory(
            email=f"reader{n:02}@example.org", language=("fr", "en")[n % 2]
        )
        for n in range(SUBSCRIBERS)
    ]
    issue = IssueFactory()
    campaign = sending.campaign_schedule(issue=issue, when=timezone.now(), user=None)
    sending.campaign_start(campaign=campaign)  # the worker is not run yet
    campaign.subscribers = subscribers
    return campaign


def test_crash_after_smtp_accepted_a_message_never_sends_it_twice(campaign, settings):
    settings.EMAIL_BACKEND = f"{__name__}.CrashingBackend"

    with pytest.raises(WorkerKilled):
        work(campaign)

    in_doubt = Delivery.objects.get(status=DeliveryStatus.SENDING)
    assert in_doubt.subscriber.email == mail.outbox[-1].to[0]
    assert in_doubt.message_id == mail.outbox[-1].extra_headers["Message-ID"]
    # A live worker may still be at it: a sweep right away leaves it alone.
    sending.campaigns_sweep()
    in_doubt.refresh_from_db()
    assert in_doubt.status == DeliveryStatus.SENDING

    # Later, a new worker: the sweep, then the batches.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    result = sending.campaigns_sweep(stale_after=datetime.timedelta(0))
    assert result.to_review == 1
    work(campaign)

    assert received() == {s.email: 1 for s in campaign.subscribers}
    in_doubt.refresh_from_db()
    assert in_doubt.status == DeliveryStatus.REVIEW
    counts = selectors.campaign_counts(campaign)
    assert counts["by_status"]["sent"] == SUBSCRIBERS - 1
    assert counts["by_status"]["review"] == 1
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT


def test_crash_before_smtp_sends_the_message_once_later(campaign, monkeypatch):
    build = rendering.build_issue_message
    calls = []

    def build_then_die(**kwargs):
        calls.append(kwargs["to"])
        if len(calls) == CRASH_AT:
            raise WorkerKilled
        return build(**kwargs)

    monkeypatch.setattr(rendering, "build_issue_message", build_then_die)

    with pytest.raises(WorkerKilled):
        work(campaign)

    assert len(mail.outbox) == CRASH_AT - 1
    # Never handed to SMTP: back in the queue, not in doubt.
    assert not Delivery.objects.filter(
        status__in=[DeliveryStatus.SENDING, DeliveryStatus.REVIEW]
    ).exists()

    monkeypatch.setattr(rendering, "build_issue_message", build)
    sending.campaigns_sweep(stale_after=datetime.timedelta(0))
    work(campaign)

    assert received() == {s.email: 1 for s in campaign.subscribers}
    assert calls[CRASH_AT - 1] in received()
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == SUBSCRIBERS


def test_crash_right_after_claiming_a_batch_sends_it_once_later(campaign, monkeypatch):
    send = sending._Batch.send

    def die(batch):
        raise WorkerKilled

    monkeypatch.setattr(sending._Batch, "send", die)
    with pytest.raises(WorkerKilled):
        work(campaign)
    assert Delivery.objects.filter(status=DeliveryStatus.SENDING).count() == BATCH

    monkeypatch.setattr(sending._Batch, "send", send)
    sending.campaigns_sweep()  # too early to tell the worker is dead
    work(campaign)
    assert Delivery.objects.filter(status=DeliveryStatus.SENDING).count() == BATCH

    result = sending.campaigns_sweep(stale_after=datetime.timedelta(0))
    assert (result.released, result.to_review) == (BATCH, 0)
    work(campaign)

    assert received() == {s.email: 1 for s in campaign.subscribers}
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT


# --- A real worker process, killed, and a real SMTP server -------------------------

WORKER = """
import datetime, json, os, sys
import django
django.setup()
from django.conf import settings
settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
settings.EMAIL_HOST = "127.0.0.1"
settings.EMAIL_PORT = int(os.environ["REVIEW_SMTP_PORT"])
settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
settings.SITE_URL = "https://www.processusderabat.net"
from newsletter.services import sending
from newsletter.models import Delivery
campaign_id, resume = int(sys.argv[1]), sys.argv[2] == "resume"
swept = {}
if resume:
    swept = vars(sending.campaigns_sweep(stale_after=datetime.timedelta(0)))
while sending.send_batch(campaign_id=campaign_id, batch_size=int(sys.argv[3])):
    pass
rows = Delivery.objects.values_list("subscriber__email", "status", "message_id")
print(json.dumps({"swept": swept, "rows": [list(row) for row in rows]}))
"""


class HoldingSmtpHandler:
    """Records every message; holds the `hold_at`-th one after reading it
    (the server has it, the worker still waits for the reply)."""

    def __init__(self, hold_at: int):
        self.hold_at = hold_at
        self.received: list[tuple[str, str]] = []
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        message_id = "".join(message["Message-ID"].split())  # unfolded
        self.received.append((envelope.rcpt_tos[0], message_id))
        if len(self.received) == self.hold_at:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.02)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(tmp_path: Path) -> str:
    """The test database, as the worker process can reach it."""
    if connection.vendor == "sqlite":
        # The test database lives in memory: the worker gets a copy on disk.
        path = tmp_path / "worker.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(path)])
        return f"sqlite:///{path}"
    db = connection.settings_dict
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    host = db["HOST"] or "localhost"
    port = db["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_killed_worker_process_then_resumed(tmp_path, settings, monkeypatch):
    settings.SITE_URL = "https://www.processusderabat.net"
    # The worker processes below do the sending, not this one.
    monkeypatch.setattr(sending, "enqueue_campaign", lambda **kwargs: None)
    emails = [f"reader{n:02}@example.org" for n in range(SUBSCRIBERS)]
    for n, address in enumerate(emails):
        SubscriberFactory(email=address, language=("fr", "en")[n % 2])
    campaign = sending.campaign_schedule(
        issue=IssueFactory(), when=timezone.now(), user=None
    )
    sending.campaign_start(campaign=campaign)

    handler = HoldingSmtpHandler(hold_at=CRASH_AT)
    port = free_port()
    server = Controller(handler, hostname="127.0.0.1", port=port)
    server.start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rabat.settings.test",
        "DATABASE_URL": database_url(tmp_path),
        "REVIEW_SMTP_PORT": str(port),
    }

    def worker(mode):
        return subprocess.Popen(  # noqa: S603 (our own interpreter and code)
            [sys.executable, "-c", WORKER, str(campaign.pk), mode, str(BATCH)],
            cwd=django_settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    workers = []
    try:
        workers.append(worker("start"))
        if not handler.holding.wait(timeout=20):
            workers[0].kill()
            pytest.fail(workers[0].communicate()[1])
        workers[0].send_signal(signal.SIGKILL)
        workers[0].communicate(timeout=10)
        handler.release.set()

        workers.append(worker("resume"))
        output, errors = workers[1].communicate(timeout=30)
        assert workers[1].returncode == 0, errors
    finally:
        handler.release.set()
        server.stop()
        for process in workers:
            if process.poll() is None:
                process.kill()
                process.communicate()

    result = json.loads(output.splitlines()[-1])
    # Killed while the server held the 7th message: that one is in doubt; the
    # other three rows of its batch had not been tried: back to the queue.
    assert result["swept"]["to_review"] == 1
    assert result["swept"]["released"] == BATCH - 2
    rows = {address: (status, mid) for address, status, mid in result["rows"]}
    recipients = Counter(address for address, _message_id in handler.received)
    assert recipients == dict.fromkeys(emails, 1)
    in_doubt_address, in_doubt_message_id = handler.received[CRASH_AT - 1]
    assert rows[in_doubt_address] == (DeliveryStatus.REVIEW, in_doubt_message_id)
    assert [status for status, _id in rows.values()].count(DeliveryStatus.SENT) == (
        len(emails) - 1
    )
