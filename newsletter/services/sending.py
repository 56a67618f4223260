"""Sending the Rabat Review: campaigns, their deliveries, and the worker loop.

A campaign gets one delivery row per confirmed subscriber. The worker claims
rows in batches (SKIP LOCKED, so several workers can share a campaign) and
commits each row's progress around the SMTP conversation:

1. claimed: status SENDING, `claimed_at` set, `message_id` empty;
2. right before SMTP: `message_id` written (committed), once the subscriber
   has been checked to be still subscribed;
3. after SMTP: SENT, or back to PENDING with a backoff (temporary failure),
   or FAILED (permanent failure, or too many attempts).

A worker that dies leaves rows in SENDING. The sweep (`campaigns_sweep`, run
every minute by `manage.py send_review`) tells them apart by step 2: without
a Message-ID the message was never handed to SMTP, so the row goes back to
the queue; with one it may have gone out, so the row is marked REVIEW and is
never sent again unless the Secretariat decides so.
"""

import dataclasses
import datetime
import logging
import smtplib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import get_connection, make_msgid
from django.db import transaction
from django.db.models import Exists, Min, OuterRef
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from newsletter import rendering
from newsletter.models import (
    Campaign,
    CampaignStatus,
    Delivery,
    DeliveryStatus,
    Issue,
    Subscriber,
    SubscriberStatus,
)
from newsletter.tokens import unsubscribe_path
from rabat.models import User
from rabat.page_cache import public_pages_changed

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
CREATE_BATCH_SIZE = 1000
MAX_ATTEMPTS = 5
# Delay before the next attempt after a temporary failure: 2, 4, 8, 16 minutes,
# which outlasts the usual greylisting.
RETRY_DELAY = datetime.timedelta(minutes=2)
RETRY_DELAY_MAX = datetime.timedelta(hours=1)
# A live worker finishes a batch long before this; rows still in SENDING after
# it belong to a dead worker.
STALE_AFTER = datetime.timedelta(minutes=10)
# A worker stops claiming work from its batch after this (a very slow SMTP
# server), so that the sweep never mistakes it for a dead one.
BATCH_TIME_LIMIT = STALE_AFTER / 2

UNFINISHED = (DeliveryStatus.PENDING, DeliveryStatus.SENDING)


class CampaignError(Exception):
    """A campaign operation that cannot be done; the message (translated) says why."""


@dataclasses.dataclass
class SweepResult:
    started: int = 0
    resumed: int = 0
    to_review: int = 0
    released: int = 0
    finished: int = 0


# --- Starting -------------------------------------------------------------


def campaign_schedule(
    *, issue: Issue, when: datetime.datetime, user: User | None
) -> Campaign:
    """Schedule the sending of `issue` for `when` (the sweep starts it then).

    Scheduling again before the campaign has started moves the date, and
    after it was cancelled schedules it anew; an issue is sent at most once."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().filter(issue=issue).first()
        if campaign is None:
            return Campaign.objects.create(
                issue=issue,
                status=CampaignStatus.SCHEDULED,
                scheduled_for=when,
                created_by=user,
            )
        if campaign.status not in (CampaignStatus.SCHEDULED, CampaignStatus.CANCELLED):
            raise CampaignError(_("This issue has already been sent."))
        campaign.status = CampaignStatus.SCHEDULED
        campaign.scheduled_for = when
        campaign.created_by = user
        campaign.save(
            update_fields=["status", "scheduled_for", "created_by", "updated_at"]
        )
        return campaign


def campaign_cancel(*, campaign: Campaign) -> Campaign:
    """Cancel a scheduled campaign before it starts (nothing has been sent);
    the issue can be sent or scheduled again later. A publication that was
    to come with the sending is called off too."""
    with transaction.atomic():
        campaign = (
            Campaign.objects.select_for_update()
            .select_related("issue")
            .get(pk=campaign.pk)
        )
        if campaign.status != CampaignStatus.SCHEDULED:
            raise CampaignError(
                _("Only a scheduled sending can be cancelled: this one has started.")
            )
        campaign.status = CampaignStatus.CANCELLED
        campaign.save(update_fields=["status", "updated_at"])
        if Issue.objects.filter(
            pk=campaign.issue_id, published_at__gt=timezone.now()
        ).update(published_at=None):
            public_pages_changed()
    return campaign


def campaign_start(*, campaign: Campaign) -> int:
    """Create one delivery per confirmed subscriber, in their language, and
    queue the sending. Returns the number of deliveries created.

    Starting a campaign that has started already does nothing. The issue is
    published to the archive if it is not yet, since the emails link to it."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status in (CampaignStatus.SENDING, CampaignStatus.SENT):
            return 0
        if campaign.status != CampaignStatus.SCHEDULED:
            raise CampaignError(_("This campaign was cancelled."))
        now = timezone.now()
        campaign.status = CampaignStatus.SENDING
        campaign.started_at = now
        campaign.finished_at = None
        campaign.save(
            update_fields=["status", "started_at", "finished_at", "updated_at"]
        )
        if (
            Issue.objects.filter(pk=campaign.issue_id)
            .exclude(published_at__lte=now)
            .update(published_at=now)
        ):
            public_pages_changed()
        subscribers = (
            Subscriber.objects.confirmed()
            .order_by("pk")
            .values_list("pk", "language")
            .iterator(chunk_size=CREATE_BATCH_SIZE)
        )
        rows = []
        for subscriber_id, language in subscribers:
            rows.append(
                Delivery(
                    campaign=campaign,
                    subscriber_id=subscriber_id,
                    language=language,
                    next_attempt_at=now,
                )
            )
            if len(rows) == CREATE_BATCH_SIZE:
                Delivery.objects.bulk_create(rows, ignore_conflicts=True)
                rows = []
        Delivery.objects.bulk_create(rows, ignore_conflicts=True)
        created = campaign.deliveries.count()
        _enqueue_on_commit(campaign.pk)
        if not created:
            _campaign_finish_if_done(campaign.pk)
    return created


def _enqueue_on_commit(campaign_id: int) -> None:
    transaction.on_commit(lambda: enqueue_campaign(campaign_id=campaign_id))


def enqueue_campaign(
    *, campaign_id: int, run_after: datetime.datetime | None = None
) -> None:
    """Queue a batch of the campaign for the worker; `run_after` only where
    the task backend can defer (otherwise the sweep picks the rows up)."""
    from newsletter.tasks import send_campaign_batch  # tasks.py imports this module

    if run_after is None:
        send_campaign_batch.enqueue(campaign_id)
    elif send_campaign_batch.get_backend().supports_defer:
        send_campaign_batch.using(run_after=run_after).enqueue(campaign_id)


# --- The worker --------------------------------------------------------------


def send_batch(*, campaign_id: int, batch_size: int = BATCH_SIZE) -> int:
    """Claim up to `batch_size` due deliveries of the campaign and send them
    through one SMTP connection. Returns the number of rows claimed (0: there
    is nothing to do now). Marks the campaign sent when nothing is left."""
    campaign = (
        Campaign.objects.select_related("issue")
        .filter(pk=campaign_id, status=CampaignStatus.SENDING)
        .first()
    )
    if campaign is None:
        return 0
    claimed = _claim(campaign_id=campaign_id, batch_size=batch_size)
    if claimed:
        _Batch(campaign=campaign, delivery_ids=claimed).send()
    _campaign_finish_if_done(campaign_id)
    return len(claimed)


def _claim(*, campaign_id: int, batch_size: int) -> list[int]:
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(
                campaign_id=campaign_id,
                status=DeliveryStatus.PENDING,
                next_attempt_at__lte=timezone.now(),
            )
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SENDING, claimed_at=timezone.now(), message_id=""
        )
    return ids


def retry_delay(attempts: int) -> datetime.timedelta:
    """The wait after the `attempts`-th failed attempt."""
    return min(RETRY_DELAY * 2 ** (attempts - 1), RETRY_DELAY_MAX)


class _ConnectionFailed(Exception):
    """The SMTP server cannot be reached: the batch stops, nothing is lost."""


class _Batch:
    def __init__(self, *, campaign: Campaign, delivery_ids: list[int]):
        self.campaign = campaign
        self.delivery_ids = delivery_ids
        self.connection = get_connection()
        self.connection_open = False
        self.domain = urlsplit(settings.SITE_URL).hostname or "localhost"
        self.deadline = timezone.now() + BATCH_TIME_LIMIT

    def send(self) -> None:
        done = 0
        try:
            for delivery_id in self.delivery_ids:
                if done and timezone.now() > self.deadline:
                    logger.warning(
                        "Campaign %s: batch too slow, %s rows back to the queue.",
                        self.campaign.pk,
                        len(self.delivery_ids) - done,
                    )
                    break
                self._deliver(delivery_id)
                done += 1
        except _ConnectionFailed as error:
            self._release(self.delivery_ids[done:], reason=str(error), delay=True)
            return
        except BaseException:
            # Stopped (Ctrl-C, a bug): the rows never handed to SMTP go back to
            # the queue now instead of waiting for the sweep.
            self._release(self.delivery_ids[done:], reason="", delay=False)
            raise
        finally:
            self._close()
        self._release(self.delivery_ids[done:], reason="", delay=False)

    def _release(self, ids: list[int], *, reason: str, delay: bool) -> None:
        if not ids:
            return
        now = timezone.now()
        Delivery.objects.filter(
            pk__in=ids, status=DeliveryStatus.SENDING, message_id=""
        ).update(
            status=DeliveryStatus.PENDING,
            claimed_at=None,
            next_attempt_at=now + RETRY_DELAY if delay else now,
            last_error=reason,
        )

    def _deliver(self, delivery_id: int) -> None:
        delivery = Delivery.objects.select_related("subscriber").get(pk=delivery_id)
        subscriber = delivery.subscriber
        if subscriber.status != SubscriberStatus.CONFIRMED:
            self._skip(delivery_id)
            return
        message_id = make_msgid(
            idstring=f"review-{self.campaign.pk}-{delivery_id}", domain=self.domain
        )
        try:
            message = self._message(delivery, message_id)
        except Exception as error:  # nothing went out: a bug or missing file
            logger.exception("Delivery %s: the message cannot be built", delivery_id)
            self._failed(delivery, error)
            return
        self._open()
        # The commit that says "this message may be out from now on"; it checks
        # the subscription once more in the same statement.
        marked = Delivery.objects.filter(
            pk=delivery_id,
            status=DeliveryStatus.SENDING,
            message_id="",
            subscriber__status=SubscriberStatus.CONFIRMED,
        ).update(message_id=message_id, claimed_at=timezone.now())
        if not marked:
            if Delivery.objects.filter(
                pk=delivery_id, status=DeliveryStatus.SENDING, message_id=""
            ).exists():
                self._skip(delivery_id)
            return  # otherwise taken back by the sweep: not ours any more
        try:
            self.connection.send_messages([message])
        except Exception as error:
            self._failed(delivery, error)
            return
        Delivery.objects.filter(pk=delivery_id).update(
            status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error=""
        )

    def _message(self, delivery: Delivery, message_id: str):
        language = delivery.language
        with translation.override(language):
            unsubscribe_url = settings.SITE_URL + unsubscribe_path(delivery.subscriber)
        return rendering.build_issue_message(
            issue=self.campaign.issue,
            language=language,
            to=delivery.subscriber.email,
            unsubscribe_url=unsubscribe_url,
            message_id=message_id,
            connection=self.connection,
        )

    def _open(self) -> None:
        if self.connection_open:
            return
        try:
            self.connection.open()
        except Exception as error:
            logger.warning("Mail server unreachable: %s", error)
            raise _ConnectionFailed(_describe(error)) from error
        self.connection_open = True

    def _close(self) -> None:
        if self.connection_open:
            self.connection_open = False
            try:
                self.connection.close()
            except Exception:  # the connection is gone either way
                logger.debug("Closing the SMTP connection failed", exc_info=True)

    def _skip(self, delivery_id: int) -> None:
        Delivery.objects.filter(
            pk=delivery_id, status=DeliveryStatus.SENDING, message_id=""
        ).update(status=DeliveryStatus.SKIPPED)

    def _failed(self, delivery: Delivery, error: Exception) -> None:
        temporary, reconnect = _classify(error)
        reason = _describe(error)
        attempts = delivery.attempts + 1
        if reconnect:
            self._close()
        if temporary and attempts < MAX_ATTEMPTS:
            logger.info("Delivery %s: temporary failure: %s", delivery.pk, reason)
            Delivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.PENDING,
                attempts=attempts,
                next_attempt_at=timezone.now() + retry_delay(attempts),
                last_error=reason,
            )
            return
        logger.warning("Delivery %s failed: %s", delivery.pk, reason)
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.FAILED, attempts=attempts, last_error=reason
        )


def _smtp_code(error: Exception) -> int | None:
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        return next(iter(error.recipients.values()))[0]
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code
    return None


def _classify(error: Exception) -> tuple[bool, bool]:
    """(temporary, reconnect): 4xx replies and network errors are temporary,
    5xx replies and anything else (a message that cannot be built) are not."""
    code = _smtp_code(error)
    if code is not None:
        refused = isinstance(error, smtplib.SMTPRecipientsRefused)
        return 400 <= code < 500, not refused
    if isinstance(error, OSError):  # includes every other SMTPException
        return True, True
    return False, False


def _describe(error: Exception) -> str:
    code = _smtp_code(error)
    if code is not None:
        if isinstance(error, smtplib.SMTPRecipientsRefused):
            text = next(iter(error.recipients.values()))[1]
        else:
            text = error.smtp_error
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        return f"{code} {text}".strip()
    return f"{type(error).__name__}: {error}".rstrip(": ")


def _campaign_finish_if_done(campaign_id: int) -> bool:
    with transaction.atomic():
        campaign = (
            Campaign.objects.select_for_update()
            .filter(pk=campaign_id, status=CampaignStatus.SENDING)
            .first()
        )
        if (
            campaign is None
            or campaign.deliveries.filter(status__in=UNFINISHED).exists()
        ):
            return False
        campaign.status = CampaignStatus.SENT
        campaign.finished_at = timezone.now()
        campaign.save(update_fields=["status", "finished_at", "updated_at"])
    return True


def campaign_continue(*, campaign_id: int, claimed: int) -> None:
    """After a batch that took rows: queue the next batch, or, when only
    retries are left, one deferred to the first of them."""
    if not claimed:
        return  # nothing left now: this chain of batches ends
    pending = Delivery.objects.filter(
        campaign_id=campaign_id, status=DeliveryStatus.PENDING
    )
    first = pending.aggregate(first=Min("next_attempt_at"))["first"]
    if first is None:
        return
    run_after = None if first <= timezone.now() else first
    transaction.on_commit(
        lambda: enqueue_campaign(campaign_id=campaign_id, run_after=run_after)
    )


# --- After a crash, and the Secretariat's decisions ----------------------------


def campaigns_sweep(
    *, stale_after: datetime.timedelta = STALE_AFTER, dry_run: bool = False
) -> SweepResult:
    """What cron runs every minute: resolve rows left in SENDING by a dead
    worker, start the scheduled campaigns that are due, and queue again the
    campaigns that have due rows and no live batch."""
    now = timezone.now()
    result = SweepResult()
    stale = Delivery.objects.filter(
        status=DeliveryStatus.SENDING, claimed_at__lt=now - stale_after
    )
    due_scheduled = Campaign.objects.filter(
        status=CampaignStatus.SCHEDULED, scheduled_for__lte=now
    )
    if dry_run:
        result.to_review = stale.exclude(message_id="").count()
        result.released = stale.filter(message_id="").count()
        result.started = due_scheduled.count()
        result.resumed = _idle_campaigns(now).count()
        return result
    # Never handed to SMTP: safe to send. Possibly out: a person decides.
    result.released = stale.filter(message_id="").update(
        status=DeliveryStatus.PENDING, claimed_at=None, next_attempt_at=now
    )
    result.to_review = stale.exclude(message_id="").update(status=DeliveryStatus.REVIEW)
    for campaign in due_scheduled.order_by("scheduled_for"):
        try:
            campaign_start(campaign=campaign)
        except CampaignError:  # started meanwhile by someone else
            continue
        result.started += 1
    for campaign_id in _idle_campaigns(now).values_list("pk", flat=True):
        enqueue_campaign(campaign_id=campaign_id)
        result.resumed += 1
    for campaign_id in Campaign.objects.filter(
        status=CampaignStatus.SENDING
    ).values_list("pk", flat=True):
        result.finished += _campaign_finish_if_done(campaign_id)
    return result


def _idle_campaigns(now: datetime.datetime):
    """Sending campaigns with due rows that no worker is busy with."""
    deliveries = Delivery.objects.filter(campaign=OuterRef("pk"))
    return Campaign.objects.filter(
        Exists(
            deliveries.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
        ),
        status=CampaignStatus.SENDING,
    ).exclude(Exists(deliveries.filter(status=DeliveryStatus.SENDING)))


def _requeue(*, campaign: Campaign, status: str) -> int:
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status not in (CampaignStatus.SENDING, CampaignStatus.SENT):
            raise CampaignError(_("This campaign is not sending."))
        count = campaign.deliveries.filter(status=status).update(
            status=DeliveryStatus.PENDING,
            attempts=0,
            next_attempt_at=timezone.now(),
            claimed_at=None,
            last_error="",
        )
        if count:
            campaign.status = CampaignStatus.SENDING
            campaign.finished_at = None
            campaign.save(update_fields=["status", "finished_at", "updated_at"])
            _enqueue_on_commit(campaign.pk)
    return count


def deliveries_retry_failed(*, campaign: Campaign) -> int:
    """Queue the failed deliveries again; returns how many."""
    return _requeue(campaign=campaign, status=DeliveryStatus.FAILED)


def deliveries_resend_review(*, campaign: Campaign) -> int:
    """Send again the deliveries a stopped worker left unresolved, once the
    Secretariat has decided that a possible duplicate is better than none."""
    return _requeue(campaign=campaign, status=DeliveryStatus.REVIEW)
