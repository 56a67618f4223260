"""Signed links of the Rabat Review: confirming a subscription (expires) and
unsubscribing (does not: it must work from any old issue). Both embed the
subscriber's `token_key`, so a new key voids every link sent before."""

from django.core import signing
from django.urls import reverse

from newsletter.models import Subscriber

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600  # seconds


class InvalidToken(Exception):
    """Tampered, expired, or for a subscriber that no longer matches."""


def _payload(subscriber: Subscriber) -> dict:
    return {"s": subscriber.pk, "k": subscriber.token_key.hex}


def _subscriber(payload) -> Subscriber:
    try:
        subscriber = Subscriber.objects.get(pk=payload["s"])
    except (Subscriber.DoesNotExist, KeyError, TypeError, ValueError) as error:
        raise InvalidToken from error
    if subscriber.token_key.hex != payload.get("k"):
        raise InvalidToken
    return subscriber


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps(_payload(subscriber), salt=CONFIRM_SALT, compress=True)


def subscriber_from_confirm_token(token: str) -> Subscriber:
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature as error:  # SignatureExpired is one too
        raise InvalidToken from error
    return _subscriber(payload)


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.dumps(_payload(subscriber), salt=UNSUBSCRIBE_SALT, compress=True)


def subscriber_from_unsubscribe_token(token: str) -> Subscriber:
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise InvalidToken from error
    return _subscriber(payload)


def confirm_path(subscriber: Subscriber) -> str:
    return reverse("newsletter:confirm", kwargs={"token": confirm_token(subscriber)})


def unsubscribe_path(subscriber: Subscriber) -> str:
    return reverse(
        "newsletter:unsubscribe", kwargs={"token": unsubscribe_token(subscriber)}
    )
