"""Writes of the Rabat Review's subscriptions: double opt-in for the public,
a direct choice for members, and unsubscribing (which keeps the row)."""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from newsletter.models import Subscriber, SubscriberStatus
from newsletter.selectors import member_subscriber
from newsletter.tokens import (
    CONFIRM_MAX_AGE,
    InvalidToken,
    confirm_path,
    subscriber_from_confirm_token,
    subscriber_from_unsubscribe_token,
    unsubscribe_path,
)
from rabat.cache import within_limit
from rabat.emails import queue_templated_email
from rabat.models import User

logger = logging.getLogger(__name__)

# Subscription requests accepted per IP address and window: loose, so that
# the colleagues of a ministry behind one address can all subscribe; the
# per-address limit below is what keeps the form from writing to strangers.
SUBSCRIBE_RATE_LIMIT = 100
SUBSCRIBE_RATE_WINDOW = 3600  # seconds
# At most one email (confirmation, or "already subscribed") a day to one
# address, whoever asks and from wherever.
SUBSCRIPTION_MAIL_WINDOW = 24 * 3600  # seconds


def subscribe_attempt_allowed(*, ip: str) -> bool:
    """Count one subscription request from `ip`; False once over the limit."""
    return within_limit(
        f"newsletter:subscribe:{ip}",
        limit=SUBSCRIBE_RATE_LIMIT,
        seconds=SUBSCRIBE_RATE_WINDOW,
    )


def _mail_allowed(email: str) -> bool:
    """True for the first subscription email to `email` in the window."""
    digest = hashlib.sha256(email.lower().encode()).hexdigest()
    # A flag, not a counter: only the first add() in the window succeeds.
    return cache.add(
        f"newsletter:subscription-mail:{digest}",
        True,
        timeout=SUBSCRIPTION_MAIL_WINDOW,
    )


def _locked_by_email(email: str) -> Subscriber | None:
    return Subscriber.objects.select_for_update().filter(email__iexact=email).first()


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _send_confirmation(subscriber: Subscriber) -> None:
    with translation.override(subscriber.language):
        confirm_url = _absolute(confirm_path(subscriber))
    queue_templated_email(
        template="newsletter/email/subscription_confirm",
        context={
            "subscriber": subscriber,
            "confirm_url": confirm_url,
            "valid_days": CONFIRM_MAX_AGE // (24 * 3600),
        },
        to=subscriber.email,
        language=subscriber.language,
    )


def _send_already_subscribed(subscriber: Subscriber) -> None:
    with translation.override(subscriber.language):
        unsubscribe_url = _absolute(unsubscribe_path(subscriber))
    queue_templated_email(
        template="newsletter/email/subscription_already",
        context={"subscriber": subscriber, "unsubscribe_url": unsubscribe_url},
        to=subscriber.email,
        language=subscriber.language,
    )


def subscription_request(*, email: str, language: str) -> None:
    """Someone asks to receive the Review at `email` (and consented to it).

    New, pending or unsubscribed addresses get (again) a confirmation email in
    `language`; a confirmed one is told that it already receives the Review,
    and nothing of it changes; either email at most once a day per address.
    The caller learns none of this: whoever typed the address may not own it.
    """
    email = email.strip()
    now = timezone.now()
    try:
        with transaction.atomic():
            subscriber = _locked_by_email(email)
            if subscriber is None:
                subscriber = Subscriber.objects.create(
                    email=email, language=language, consented_at=now
                )
            elif subscriber.status == SubscriberStatus.CONFIRMED:
                if _mail_allowed(email):
                    _send_already_subscribed(subscriber)
                return
            else:
                if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
                    # A new key voids the links sent before leaving: an old
                    # confirmation link must not undo the unsubscription.
                    subscriber.token_key = uuid.uuid4()
                    subscriber.status = SubscriberStatus.PENDING
                    subscriber.unsubscribed_at = None
                subscriber.language = language
                subscriber.consented_at = now
                subscriber.save(
                    update_fields=[
                        "token_key",
                        "status",
                        "unsubscribed_at",
                        "language",
                        "consented_at",
                        "updated_at",
                    ]
                )
            if _mail_allowed(email):
                _send_confirmation(subscriber)
    except IntegrityError:
        # The same address was created by a concurrent request, which sent
        # the confirmation.
        logger.info("Concurrent subscription request for one address.")


@transaction.atomic
def subscription_confirm(*, token: str) -> tuple[Subscriber, bool]:
    """Confirm the subscription of a confirmation link.

    Returns the subscriber and whether this call confirmed it (False: it was
    confirmed already). Raises InvalidToken for a tampered or expired link,
    or one sent before the address unsubscribed.
    """
    subscriber = subscriber_from_confirm_token(token)
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status == SubscriberStatus.CONFIRMED:
        return subscriber, False
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        raise InvalidToken
    subscriber.status = SubscriberStatus.CONFIRMED
    subscriber.confirmed_at = timezone.now()
    subscriber.save(update_fields=["status", "confirmed_at", "updated_at"])
    return subscriber, True


def subscriber_for_confirmation(*, token: str) -> Subscriber:
    """The subscriber a confirmation link is for, without confirming
    (raises InvalidToken like `subscription_confirm`)."""
    subscriber = subscriber_from_confirm_token(token)
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        raise InvalidToken
    return subscriber


@transaction.atomic
def subscription_cancel(*, token: str) -> Subscriber:
    """Unsubscribe the address of an unsubscribe link, at once; doing it
    again changes nothing. Raises InvalidToken for a tampered link."""
    subscriber = subscriber_from_unsubscribe_token(token)
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    _unsubscribe(subscriber)
    return subscriber


def _unsubscribe(subscriber: Subscriber) -> None:
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return
    subscriber.status = SubscriberStatus.UNSUBSCRIBED
    subscriber.unsubscribed_at = timezone.now()
    subscriber.save(update_fields=["status", "unsubscribed_at", "updated_at"])


def _member_subscriber(user: User) -> Subscriber | None:
    """The subscriber row `user` manages (selectors.member_subscriber),
    locked, and from now on the only one linked to the account, with its
    address."""
    subscriber = member_subscriber(user, for_update=True)
    if subscriber is None:
        return None
    old = Subscriber.objects.filter(user=user).exclude(pk=subscriber.pk).first()
    if old is not None:
        # The account's address changed since: the old row keeps its own
        # address, and its own status.
        old.user = None
        old.save(update_fields=["user", "updated_at"])
    if subscriber.email.lower() != user.email.lower():
        subscriber.email = user.email
    return subscriber


@transaction.atomic
def member_subscription_update(
    *, user: User, subscribe: bool, language: str | None = None
) -> Subscriber | None:
    """A logged-in member (un)subscribes their account's address directly:
    they proved it is theirs, so no confirmation email is needed."""
    subscriber = _member_subscriber(user)
    if not subscribe:
        if subscriber is not None:
            subscriber.user = user
            subscriber.save(update_fields=["user", "email", "updated_at"])
            _unsubscribe(subscriber)
        return subscriber
    now = timezone.now()
    if subscriber is None:
        subscriber = Subscriber(email=user.email)
    subscriber.user = user
    subscriber.language = language or subscriber.language
    subscriber.consented_at = now
    if subscriber.status != SubscriberStatus.CONFIRMED:
        subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.confirmed_at = now
        subscriber.unsubscribed_at = None
    subscriber.save()
    return subscriber
