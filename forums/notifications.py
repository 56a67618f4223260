"""Following topics and forums, and the emails about new posts.

Who hears of a new post:

- the members following its topic (replies),
- the members following its forum, when the post opens a new topic,
- the members it mentions;

never its author, nor anyone inactive or who cannot read the forum. The most
specific subscription wins: a topic's level beats its forum's, so a muted
topic stays silent even in a followed forum (mentions included), and a muted
forum stays silent except for the topics the member follows.

Each member's `NotificationSettings` say when: at once (`post_published`, run
on commit of every new post), in the daily digest (`send_daily_digests`, run
once a day from cron) or never. Every email carries a signed link that stops
them all in one click (`stop_emails_token`).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone, translation

from forums import rules
from forums.models import (
    EmailFrequency,
    Forum,
    NotificationSettings,
    Post,
    Subscription,
    SubscriptionLevel,
    Topic,
)
from rabat.emails import queue_templated_email
from rabat.models import User
from rabat.roles import load_effective_roles

STOP_EMAILS_SALT = "forums.stop_emails"
# The digest covers a fixed window ending when it runs: run it once a day.
DIGEST_WINDOW = datetime.timedelta(hours=24)

# Why a member hears of a post; a mention wins over following.
MENTION = "mention"
NEW_TOPIC = "new_topic"
REPLY = "reply"


# --- Subscriptions -------------------------------------------------------------------


def _target(topic: Topic | None, forum: Forum | None) -> dict:
    if (topic is None) == (forum is None):
        raise ValueError("Pass a topic or a forum, not both.")
    return {"topic": topic} if topic is not None else {"forum": forum}


def subscription_level(
    *, user: User, topic: Topic | None = None, forum: Forum | None = None
) -> str | None:
    """ "follow", "mute", or None when `user` has no subscription to it."""
    target = _target(topic, forum)
    if not user.is_authenticated:
        return None
    return (
        Subscription.objects.filter(user=user, **target)
        .values_list("level", flat=True)
        .first()
    )


def subscription_set(
    *,
    user: User,
    level: str | None,
    topic: Topic | None = None,
    forum: Forum | None = None,
) -> None:
    """Follow or mute a topic or a forum; a None `level` removes the subscription."""
    target = _target(topic, forum)
    if level is None:
        Subscription.objects.filter(user=user, **target).delete()
        return
    if level not in SubscriptionLevel.values:
        raise ValueError(f"Unknown subscription level: {level!r}")
    Subscription.objects.update_or_create(
        user=user, **target, defaults={"level": level}
    )


# --- Email preferences ---------------------------------------------------------------


def email_frequency(user: User) -> str:
    """How often `user` wants forum emails (immediately until they choose)."""
    frequency = (
        NotificationSettings.objects.filter(user=user)
        .values_list("email_frequency", flat=True)
        .first()
    )
    return frequency or EmailFrequency.IMMEDIATELY


def email_frequency_set(*, user: User, frequency: str) -> None:
    if frequency not in EmailFrequency.values:
        raise ValueError(f"Unknown email frequency: {frequency!r}")
    NotificationSettings.objects.update_or_create(
        user=user, defaults={"email_frequency": frequency}
    )


def stop_emails_token(user: User) -> str:
    """The proof, in every email, that lets its recipient stop forum emails."""
    return signing.dumps(user.pk, salt=STOP_EMAILS_SALT)


def stop_emails_user(token: str) -> User | None:
    """The user `token` was made for, or None for a forged or mangled token."""
    try:
        user_id = signing.loads(token, salt=STOP_EMAILS_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=user_id).first()


# --- Who hears of which post ---------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    """`user` is to hear of `post` because of `reason` (MENTION, NEW_TOPIC, REPLY)."""

    user: User
    post: Post
    reason: str


def _notices(posts: list[Post], *, frequency: str) -> list[Notice]:
    """Who should hear of each of `posts` (with their topic and forum), and why.

    Only members whose email frequency is `frequency`; at most one notice per
    member and post. The number of queries does not depend on the number of
    subscribers (one call of `mentioned_users` per post).
    """
    from forums.services.posting import (
        mentioned_users,  # posting.py imports this module
    )

    if not posts:
        return []
    topic_ids = {post.topic_id for post in posts}
    forum_ids = {post.topic.forum_id for post in posts}
    first_post_ids = set(
        Topic.objects.filter(pk__in=topic_ids)
        .annotate(
            first_post_id=Subquery(
                Post.objects.filter(topic=OuterRef("pk"))
                .order_by("created_at", "pk")
                .values("pk")[:1]
            )
        )
        .values_list("first_post_id", flat=True)
    )
    topic_levels = defaultdict(dict)  # topic id -> {user id: level}
    forum_levels = defaultdict(dict)  # forum id -> {user id: level}
    for user_id, topic_id, forum_id, level in Subscription.objects.filter(
        Q(topic_id__in=topic_ids) | Q(forum_id__in=forum_ids)
    ).values_list("user_id", "topic_id", "forum_id", "level"):
        if topic_id is not None:
            topic_levels[topic_id][user_id] = level
        else:
            forum_levels[forum_id][user_id] = level

    reasons_by_post = {}
    for post in posts:
        on_topic = topic_levels[post.topic_id]
        on_forum = forum_levels[post.topic.forum_id]
        reasons = {}
        if post.pk in first_post_ids:
            for user_id in on_topic.keys() | on_forum.keys():
                level = on_topic.get(user_id) or on_forum.get(user_id)
                if level == SubscriptionLevel.FOLLOW:
                    reasons[user_id] = NEW_TOPIC
        else:
            for user_id, level in on_topic.items():
                if level == SubscriptionLevel.FOLLOW:
                    reasons[user_id] = REPLY
        for mentioned in mentioned_users(post.body):
            level = on_topic.get(mentioned.pk) or on_forum.get(mentioned.pk)
            if level != SubscriptionLevel.MUTE:
                reasons[mentioned.pk] = MENTION
        reasons.pop(post.author_id, None)
        reasons_by_post[post] = reasons

    user_ids = set().union(*reasons_by_post.values())
    frequency_filter = Q(forum_settings__email_frequency=frequency)
    if frequency == EmailFrequency.IMMEDIATELY:
        frequency_filter |= Q(forum_settings__isnull=True)
    users = User.objects.filter(
        frequency_filter, pk__in=user_ids, is_active=True
    ).in_bulk()
    # No query per recipient or forum in can_read_forum below.
    load_effective_roles(users.values())

    return [
        Notice(user=users[user_id], post=post, reason=reason)
        for post, reasons in reasons_by_post.items()
        for user_id, reason in reasons.items()
        if user_id in users and rules.can_read_forum(users[user_id], post.topic.forum)
    ]


# --- Emails --------------------------------------------------------------------------


def _send(*, user: User, template: str, context: dict) -> None:
    """Queue `forums/email/<template>_*.txt` to `user`, in their language.

    The templates build their links under that language, so that they open
    the site in it.
    """
    with translation.override(user.preferred_language):
        stop_url = settings.SITE_URL + reverse(
            "forums:stop_emails", kwargs={"token": stop_emails_token(user)}
        )
        settings_url = settings.SITE_URL + reverse("forums:notification_settings")
    queue_templated_email(
        template=f"forums/email/{template}",
        context={
            "user": user,
            "settings_url": settings_url,
            "stop_url": stop_url,
            **context,
        },
        to=user.email,
        language=user.preferred_language,
        headers={
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _shown_posts():
    return Post.objects.shown().select_related("author", "topic__forum")


def post_published(*, post_id: int) -> None:
    """Email the members who want to hear of this new post at once.

    Called on commit of every new post, a topic's first post included. A post
    hidden or deleted in the meantime is not announced.
    """
    post = _shown_posts().filter(pk=post_id).first()
    if post is None:
        return
    for notice in _notices([post], frequency=EmailFrequency.IMMEDIATELY):
        _send(
            user=notice.user,
            template="post",
            context={
                "post": post,
                "topic": post.topic,
                "forum": post.topic.forum,
                "reason": notice.reason,
            },
        )


def _digest_sections(notices: list[Notice]) -> list[dict]:
    """`notices` by forum, then topic, in the order their posts came."""
    by_forum = defaultdict(lambda: defaultdict(list))
    for notice in sorted(
        notices, key=lambda notice: (notice.post.created_at, notice.post.pk)
    ):
        by_forum[notice.post.topic.forum][notice.post.topic].append(notice)
    return [
        {
            "forum": forum,
            "topics": [
                {"topic": topic, "notices": topic_notices}
                for topic, topic_notices in by_topic.items()
            ],
        }
        for forum, by_topic in sorted(
            by_forum.items(), key=lambda item: (item[0].position, item[0].pk)
        )
    ]


@transaction.atomic
def send_daily_digests(
    *, now: datetime.datetime | None = None, dry_run: bool = False
) -> int:
    """Email each "daily" member one summary of the posts they would have heard of.

    The digest covers the posts created in [now - 24 hours, now): it must run
    once a day (cron), or posts are missed or sent twice. Members with nothing
    to read get no email. Returns the number of digests (to be) sent.
    """
    now = now or timezone.now()
    posts = list(
        _shown_posts().filter(created_at__gte=now - DIGEST_WINDOW, created_at__lt=now)
    )
    notices_by_user = defaultdict(list)
    for notice in _notices(posts, frequency=EmailFrequency.DAILY):
        notices_by_user[notice.user].append(notice)
    if dry_run:
        return len(notices_by_user)
    for user, notices in notices_by_user.items():
        _send(
            user=user,
            template="digest",
            context={"sections": _digest_sections(notices), "post_count": len(notices)},
        )
    return len(notices_by_user)
