"""Moderation of the forums: pin, lock, move topics; hide posts; reports.

Moderators (the Moderator group) and the Secretariat act only in the forums
they can read. Each action is logged: who did what, to which object.
"""

import logging

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forums import rules
from forums.models import Forum, Post, Report, Topic
from forums.services.activity import activity_changed
from rabat.models import User

logger = logging.getLogger(__name__)

HIDDEN_REASON_MAX_LENGTH = Post._meta.get_field("hidden_reason").max_length
REPORT_REASON_MAX_LENGTH = Report._meta.get_field("reason").max_length


class ModerationError(Exception):
    """A moderation action that cannot be done; the message says why."""


def _check_moderator(user: User) -> None:
    if not rules.can_moderate(user):
        raise ModerationError(_("Only moderators may do this."))


def _check_reads(user: User, forum: Forum) -> None:
    if not rules.can_read_forum(user, forum):
        raise ModerationError(_("You cannot read this forum."))


def _check_moderates(moderator: User, forum: Forum) -> None:
    _check_moderator(moderator)
    _check_reads(moderator, forum)


# --- Reads -----------------------------------------------------------------------


def open_reports(moderator: User) -> QuerySet[Report]:
    """Reports not yet handled, on posts in the forums `moderator` can read."""
    return Report.objects.filter(
        resolved_at__isnull=True,
        post__topic__forum__in=Forum.objects.visible_to(moderator),
    )


# --- Topics ----------------------------------------------------------------------


@transaction.atomic
def topic_pin(*, topic: Topic, moderator: User, pinned: bool) -> None:
    _check_moderates(moderator, topic.forum)
    topic.is_pinned = pinned
    topic.save(update_fields=["is_pinned", "updated_at"])
    logger.info(
        "Topic %s %s by user %s",
        topic.pk,
        "pinned" if pinned else "unpinned",
        moderator.pk,
    )


@transaction.atomic
def topic_lock(*, topic: Topic, moderator: User, locked: bool) -> None:
    """A locked topic accepts no replies (the posting service checks it)."""
    _check_moderates(moderator, topic.forum)
    topic.is_locked = locked
    topic.save(update_fields=["is_locked", "updated_at"])
    logger.info(
        "Topic %s %s by user %s",
        topic.pk,
        "locked" if locked else "unlocked",
        moderator.pk,
    )


@transaction.atomic
def topic_move(*, topic: Topic, moderator: User, forum: Forum) -> None:
    """Move `topic` to `forum`; both must be forums the moderator can read."""
    _check_moderates(moderator, topic.forum)
    if forum.pk == topic.forum_id:
        raise ModerationError(_("The topic is already in this forum."))
    if not forum.is_active:
        raise ModerationError(_("Topics can only be moved to an active forum."))
    _check_reads(moderator, forum)
    origin_id = topic.forum_id
    topic.forum = forum
    topic.save(update_fields=["forum", "updated_at"])
    activity_changed()
    logger.info(
        "Topic %s moved from forum %s to forum %s by user %s",
        topic.pk,
        origin_id,
        forum.pk,
        moderator.pk,
    )


# --- Posts -----------------------------------------------------------------------


@transaction.atomic
def post_hide(*, post: Post, moderator: User, reason: str) -> None:
    """Hide `post` from members, saying why; its open reports are then handled."""
    _check_moderates(moderator, post.topic.forum)
    reason = reason.strip()
    if not reason:
        raise ModerationError(_("Say why the post is hidden."))
    if len(reason) > HIDDEN_REASON_MAX_LENGTH:
        raise ModerationError(_("The reason is too long."))
    now = timezone.now()
    post.hidden_at = post.hidden_at or now
    post.hidden_by = moderator
    post.hidden_reason = reason
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    activity_changed()
    resolved = Report.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=now, resolved_by=moderator, updated_at=now
    )
    logger.info(
        "Post %s hidden by user %s (%s open reports resolved)",
        post.pk,
        moderator.pk,
        resolved,
    )


@transaction.atomic
def post_unhide(*, post: Post, moderator: User) -> None:
    _check_moderates(moderator, post.topic.forum)
    post.hidden_at = None
    post.hidden_by = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    activity_changed()
    logger.info("Post %s unhidden by user %s", post.pk, moderator.pk)


# --- Reports ---------------------------------------------------------------------


@transaction.atomic
def report_create(*, post: Post, reporter: User, reason: str) -> Report:
    """Flag `post` for the moderators.

    A member has at most one open report per post: reporting it again
    replaces the reason.
    """
    reason = reason.strip()
    if not reason:
        raise ModerationError(_("Say why you report this post."))
    if len(reason) > REPORT_REASON_MAX_LENGTH:
        raise ModerationError(_("The reason is too long."))
    if not Post.objects.visible_to(reporter).shown().filter(pk=post.pk).exists():
        raise ModerationError(_("This post cannot be reported."))
    # Locking the post serialises two reports sent at once by the same member.
    Post.objects.select_for_update().get(pk=post.pk)
    report = Report.objects.filter(
        post=post, reporter=reporter, resolved_at__isnull=True
    ).first()
    if report is None:
        report = Report.objects.create(post=post, reporter=reporter, reason=reason)
        logger.info("Post %s reported by user %s", post.pk, reporter.pk)
    else:
        report.reason = reason
        report.save(update_fields=["reason", "updated_at"])
        logger.info("Report %s updated by user %s", report.pk, reporter.pk)
    return report


@transaction.atomic
def report_resolve(*, report: Report, moderator: User) -> None:
    """Mark `report` as handled without hiding the post (a dismissal)."""
    _check_moderates(moderator, report.post.topic.forum)
    if report.resolved_at is not None:
        return
    report.resolved_at = timezone.now()
    report.resolved_by = moderator
    report.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
    logger.info(
        "Report %s on post %s resolved by user %s",
        report.pk,
        report.post_id,
        moderator.pk,
    )
